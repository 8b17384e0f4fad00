/**
 * The native engine's own promises, beyond the shared contract cases: a bad `native` fails
 * through the API's channel and never throws; the runtime's limits are reported once; a
 * native slot is held until the native task closed; the my profile's global mode and the
 * reconnect layer over native tasks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type SocketError, type SocketTask } from '../../src/index.js';
import { createNativeStandIn, createTestServer, type TestServer } from '../../src/testing/index.js';
import { record } from '../support/recorder.js';
import { waitUntil } from '../support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('a bad native: one clear error through the API, never an exception', () => {
  const bad: Array<[string, object, RegExp]> = [
    ['no connectSocket', {}, /config\.native has no connectSocket function/],
    ['not an object', 42 as unknown as object, /config\.native has no connectSocket function/],
    [
      'connectSocket throws',
      {
        connectSocket() {
          throw new Error('boom');
        }
      },
      /the native connectSocket threw/
    ],
    ['connectSocket returns garbage', { connectSocket: () => 7 }, /returned number, not a SocketTask/],
    ['a Promise of garbage', { connectSocket: () => Promise.resolve('x') }, /Promise resolved with string, not a SocketTask/],
    ['a rejected Promise', { connectSocket: () => Promise.reject(new Error('no')) }, /Promise rejected/],
    [
      'fail called twice, and success after it',
      {
        connectSocket(options: { fail: (r: unknown) => void; success?: (r: unknown) => void }) {
          options.fail({ errMsg: 'connectSocket:fail 未知错误' });
          options.fail({ errMsg: 'again' });
          return undefined;
        }
      },
      /the native connectSocket failed/
    ]
  ];
  for (const [name, native, detail] of bad) {
    it(name, async () => {
      const warnings: string[] = [];
      const api = createSocketApi({ profile: 'wx', native, warn: (m) => warnings.push(m) });
      const fails: unknown[] = [];
      let task: SocketTask | undefined;
      expect(() => {
        task = api.connectSocket({ url: server.urlFor('/echo'), fail: (r) => fails.push(r) });
      }).not.toThrow();
      const seen = record(task!).list;
      await waitUntil(() => seen.some(([n]) => n === 'close'), 'close');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.map(([n]) => n)).toEqual(['error', 'close']);
      const error = seen[0]?.[1] as SocketError;
      expect(error.errCode).toBe(ErrCode.SYSTEM_ERROR);
      expect(error.errMsg).toMatch(detail);
      expect(error.cause).toBeDefined();
      expect(seen[1]?.[1]).toEqual({ code: 1006, reason: '' });
      expect(fails).toEqual([]); // the call itself succeeded: the task was created (contract section 2)
    });
  }

  it('a known errMsg without errCode keeps its meaning (WeChat limit text -> 610012)', async () => {
    const native = {
      connectSocket: (o: { fail: (r: unknown) => void }) =>
        o.fail({ errMsg: 'connectSocket:fail fail reach max websocket connect count 5' })
    };
    const task = createSocketApi({ native, warn: () => undefined }).connectSocket({ url: server.urlFor('/echo') });
    const seen = record(task).list;
    await waitUntil(() => seen.length === 2, 'error and close');
    expect((seen[0]![1] as SocketError).errCode).toBe(ErrCode.TOO_MANY_CONNECTIONS);
    expect((seen[0]![1] as SocketError).errMsg).toBe('connectSocket:fail reach max websocket connect count 5');
  });
});

describe('the native engine', () => {
  it("reports the runtime's limits once per API object, naming the runtime", async () => {
    const warnings: string[] = [];
    const api = createSocketApi({ profile: 'taro', native: createNativeStandIn({ profile: 'taro-h5' }), warn: (m) => warnings.push(m) });
    const tasks = (await Promise.all([
      api.connectSocket({ url: server.urlFor('/echo') }),
      api.connectSocket({ url: server.urlFor('/echo') })
    ])) as SocketTask[];
    await waitUntil(() => tasks.every((t) => t.readyState === t.OPEN), 'both open');
    for (const task of tasks) task.close();
    const reports = warnings.filter((m) => m.startsWith('the native engine on'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^the native engine on taro-h5 cannot: .*send a close code or reason/);
  });

  it('holds a native slot until the native task closed: a dial waits for it, then connects', async () => {
    // WeChat's limit is 5, and WeChat ignores close() on a connecting task (wx seed): the
    // abandoned socket opens, then the engine closes it, and only then is its slot free.
    const native = createNativeStandIn({ profile: 'wx' });
    const api = createSocketApi({ profile: 'wx', native, warn: () => undefined });
    const others = [1, 2, 3, 4].map(() => api.connectSocket({ url: server.urlFor('/echo') }));
    await waitUntil(() => others.every((task) => task.readyState === task.OPEN), 'four open tasks');
    const first = api.connectSocket({ url: server.urlFor('/echo') });
    const firstSeen = record(first).list;
    first.close({ code: 4000, reason: 'never mind' });
    await waitUntil(() => firstSeen.length > 0, "the first task's close");
    // minisocket's task has ended; its native socket holds a slot until the native close
    // (5), or has already closed on a fast loopback (4): never more, never fewer.
    expect([4, 5]).toContain(native.openSockets);
    const second = api.connectSocket({ url: server.urlFor('/echo') });
    const secondSeen = record(second).list;
    let slotsWhenOpen = -1;
    second.onOpen(() => void (slotsWhenOpen = native.openSockets));
    await waitUntil(() => secondSeen.length > 0, 'the second task to open');
    expect(firstSeen).toEqual([['close', { code: 4000, reason: 'never mind' }]]);
    expect(secondSeen).toEqual([['open', expect.anything()]]);
    expect(slotsWhenOpen).toBe(5); // the abandoned native socket had closed before the second dialled
    for (const task of [...others, second]) task.close();
  });

  it('the my profile in global mode runs on native tasks: base64 with isBuffer both ways', async () => {
    const api = createSocketApi({ profile: 'my', native: createNativeStandIn({ profile: 'my' }), warn: () => undefined });
    const got: unknown[] = [];
    api.onSocketOpen(() => api.sendSocketMessage({ data: 'AQID', isBuffer: true }));
    api.onSocketMessage((r) => got.push(r));
    expect(api.connectSocket({ url: server.urlFor('/echo') })).toBeUndefined();
    await waitUntil(() => got.length > 0, 'the echo');
    expect(got).toEqual([{ data: 'AQID', isBuffer: true }]);
    api.closeSocket({});
  });

  it('reconnect over native tasks: a link the server drops is dialled again, and close() ends it with one onClose', async () => {
    const native = createNativeStandIn({ profile: 'wx' });
    const api = createSocketApi({ profile: 'wx', native, warn: () => undefined });
    const task = api.connectSocket({ url: server.urlFor('/drop'), reconnect: { minDelay: 10, maxDelay: 20 } });
    const seen = record(task).list;
    await waitUntil(() => seen.filter(([n]) => n === 'open').length >= 2, 'a second link');
    task.close();
    await waitUntil(() => task.readyState === task.CLOSED, 'the end');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)?.[0]).toBe('close');
    expect(native.openSockets).toBe(0);
  });
});
