/** The `wx` profile (WeChat): docs/contract.md section 8's wx column, plus legacy single-socket mode. */
import { describe, expect, it } from 'vitest';
import { connect, type ProfileFacts, profileSuites } from './shared.js';
import { record, useApis, useServer } from './helpers.js';
import { runContract } from './contract.js';

const facts: ProfileFacts = {
  profile: 'wx',
  limit: 5,
  limitMessage: 'connectSocket:fail fail reach max websocket connect count 5',
  globals: true,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false,
  promise: false
};

describe('profile wx', () => {
  const server = useServer();
  const apis = useApis();
  const env = { server, apis };

  it('returns a task synchronously, with success then complete before any event', async () => {
    const api = apis.create({ profile: 'wx' });
    const order: string[] = [];
    const task = api.connectSocket({
      url: server.url('/echo'),
      success: (r) => order.push(`success ${r.errMsg} ${r.socketTaskId}`),
      complete: () => order.push('complete')
    });
    task.onOpen(() => order.push('open'));
    expect(typeof task.send).toBe('function');
    await record(task).wait('open');
    expect(order).toEqual([`success connectSocket:ok ${task.socketTaskId}`, 'complete', 'open']);
  });

  profileSuites(facts, env);

  describe('singleSocket (WeChat before base library 1.7.0)', () => {
    it('a new connectSocket closes the existing task with 1000 first', async () => {
      const api = apis.create({ profile: 'wx', singleSocket: true });
      const first = await connect(api, { url: server.url('/echo') });
      const e1 = record(first);
      await e1.wait('open');
      const second = await connect(api, { url: server.url('/echo') });
      expect(first.readyState).toBe(first.CLOSING);
      const e2 = record(second);
      expect(await e1.wait('close')).toEqual({ code: 1000, reason: '' });
      await e2.wait('open');
      // The globals follow the new task.
      expect(await api.sendSocketMessage({ data: 'x' })).toEqual({ errMsg: 'sendSocketMessage:ok' });
    });

    it('also replaces a task that is still connecting, and never holds two', async () => {
      const api = apis.create({ profile: 'wx', singleSocket: true, maxConnections: 1 });
      const first = await connect(api, { url: server.url('/hang') });
      const e1 = record(first);
      const second = await connect(api, { url: server.url('/echo') });
      expect(await e1.wait('close')).toEqual({ code: 1000, reason: '' });
      expect(e1.names()).toEqual(['close']);
      await record(second).wait('open');
    });
  });
});

runContract('wx');
