/** The `tt` profile (Douyin): WeChat's limit and text, no global functions, a task per call. */
import { describe, expect, it } from 'vitest';
import { type ProfileFacts, profileSuites } from './shared.js';
import { record, useApis, useServer } from './helpers.js';
import { runContract } from './contract.js';

const facts: ProfileFacts = {
  profile: 'tt',
  limit: 5,
  limitMessage: 'connectSocket:fail fail reach max websocket connect count 5',
  globals: false,
  sendViews: false,
  protocolsAsString: false,
  promise: false
};

describe('profile tt', () => {
  const server = useServer();
  const apis = useApis();
  const env = { server, apis };

  it("a second socket does not close the first (the tt seed's tip)", async () => {
    const api = apis.create({ profile: 'tt' });
    const first = api.connectSocket({ url: server.url('/echo') });
    const e1 = record(first);
    await e1.wait('open');
    const second = api.connectSocket({ url: server.url('/echo') });
    await record(second).wait('open');
    expect(first.readyState).toBe(first.OPEN);
    expect(second.socketTaskId).toBe(first.socketTaskId + 1);
    first.send({ data: 'still open' });
    expect(await e1.wait('message')).toEqual({ data: 'still open' });
  });

  it('the success result carries socketTaskId', async () => {
    const api = apis.create({ profile: 'tt' });
    const result = await new Promise<unknown>((resolve) => {
      const task = api.connectSocket({ url: server.url('/echo'), success: resolve });
      void task;
    });
    expect(result).toEqual({ errMsg: 'connectSocket:ok', socketTaskId: 1 });
  });

  profileSuites(facts, env);
});

runContract('tt');
