/** The `taro` profile: connectSocket returns Promise<SocketTask>, Taro's limit text, deprecated globals. */
import { describe, expect, it } from 'vitest';
import type { SocketTask, TaroSocketTask } from '../../src/index.js';
import { type ProfileFacts, profileSuites } from './shared.js';
import { outcome, record, useApis, useServer } from './helpers.js';
import { runContract } from './contract.js';

const facts: ProfileFacts = {
  profile: 'taro',
  limit: 5,
  limitMessage: 'connectSocket:fail 同时最多发起 5 个 socket 请求，更多请参考文档。',
  globals: true,
  globalCloseBeforeOpen: 'abort',
  sendViews: false,
  protocolsAsString: false,
  promise: true
};

describe('profile taro', () => {
  const server = useServer();
  const apis = useApis();
  const env = { server, apis };

  describe('connectSocket returns a Promise', () => {
    it('resolves with the task after success and complete ran; the task carries errMsg and socketTaskId', async () => {
      const api = apis.create({ profile: 'taro' });
      const order: string[] = [];
      const promise = api.connectSocket({
        url: server.url('/echo'),
        success: () => order.push('success'),
        complete: () => order.push('complete')
      }) as unknown as Promise<TaroSocketTask>;
      expect(promise).toBeInstanceOf(Promise);
      const task = await promise;
      order.push('resolved');
      expect(order).toEqual(['success', 'complete', 'resolved']);
      expect(task.errMsg).toBe('connectSocket:ok');
      expect(task.socketTaskId).toBe(1);
      expect(task.readyState).toBe(task.CONNECTING);
      await record(task).wait('open');
    });

    it('rejects with the fail result (not an Error) when neither fail nor complete was passed', async () => {
      const api = apis.create({ profile: 'taro' });
      const o = outcome();
      for (const options of [{ url: 'nope' }, { url: 'nope', success: o.success }]) {
        const reason = await (api.connectSocket(options) as unknown as Promise<unknown>).then(
          () => expect.fail('expected a rejection'),
          (r: unknown) => r
        );
        expect(reason).not.toBeInstanceOf(Error);
        expect(reason).toMatchObject({ errMsg: 'connectSocket:fail invalid url "nope"', errCode: 600009 });
      }
      expect(o.calls).toEqual([]);
    });

    it("resolves with the fail result when fail or complete was passed (Taro's rule)", async () => {
      const api = apis.create({ profile: 'taro' });
      for (const key of ['fail', 'complete'] as const) {
        const o = outcome();
        const result = await (api.connectSocket({ url: 'nope', [key]: o[key] }) as unknown as Promise<unknown>);
        expect(o.calls).toEqual([[key, result]]);
        expect(result).toMatchObject({ errMsg: 'connectSocket:fail invalid url "nope"', errCode: 600009 });
      }
    });

    it("the seed's example shape: .then(task => ...) sends and closes", async () => {
      const api = apis.create({ profile: 'taro' });
      const closed = await new Promise<unknown>((resolve) => {
        void (api.connectSocket({ url: server.url('/echo') }) as unknown as Promise<SocketTask>).then((task) => {
          task.onOpen(() => task.send({ data: 'xxx' }));
          task.onMessage(() => task.close({}));
          task.onClose(resolve);
        });
      });
      expect(closed).toEqual({ code: 1000, reason: '' });
    });
  });

  it('each global function warns once that it is deprecated', async () => {
    const api = apis.create({ profile: 'taro' });
    api.onSocketOpen(() => undefined);
    api.onSocketOpen(() => undefined);
    await api.sendSocketMessage({ data: 'x' })!.catch(() => undefined);
    await api.sendSocketMessage({ data: 'x' })!.catch(() => undefined);
    api.offSocketOpen();
    const deprecations = apis.warnings.filter((w) => w.includes('deprecated'));
    expect(deprecations).toEqual([
      'Taro.onSocketOpen is deprecated: use the SocketTask method instead',
      'Taro.sendSocketMessage is deprecated: use the SocketTask method instead',
      'Taro.offSocketOpen is deprecated: use the SocketTask method instead'
    ]);
  });

  profileSuites(facts, env);
});

runContract('taro');
