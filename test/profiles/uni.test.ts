/** The `uni` profile (uni-app x): protocols as a string, errSubject and cause, the uni-app x error codes. */
import { describe, expect, it } from 'vitest';
import { connect, type ProfileFacts, profileSuites } from './shared.js';
import { outcome, record, useApis, useServer } from './helpers.js';
import { runContract } from './contract.js';

const facts: ProfileFacts = {
  profile: 'uni',
  globals: true,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: true,
  promise: false,
  errSubject: 'uni-websocket'
};

describe('profile uni', () => {
  const server = useServer();
  const apis = useApis();
  const env = { server, apis };

  profileSuites(facts, env);

  it('an onError of an open connection carries errSubject and the underlying cause', async () => {
    const api = apis.create({ profile: 'uni' });
    const task = await connect(api, { url: server.url('/bad-utf8') });
    const events = record(task);
    const error = await events.wait('error');
    expect(error).toMatchObject({
      errMsg: 'connectSocket:fail invalid UTF-8 in a text message',
      errCode: 610031,
      errSubject: 'uni-websocket'
    });
    expect((error as { cause: unknown }).cause).toBeInstanceOf(Error);
    expect(await events.wait('close')).toMatchObject({ code: 1007 });
  });

  it('close fails with errSubject too (a reason over 123 UTF-8 bytes)', async () => {
    const api = apis.create({ profile: 'uni' });
    const task = await connect(api, { url: server.url('/echo') });
    await record(task).wait('open');
    const o = outcome();
    task.close({ reason: 'é'.repeat(62), ...o });
    await o.settled();
    expect(o.calls[0]![1]).toMatchObject({ errSubject: 'uni-websocket', errCode: 610009 });
    expect(o.calls[0]![1].errMsg).toMatch(/^closeSocket:fail invalid reason/);
    expect(task.readyState).toBe(task.OPEN);
  });
});

runContract('uni');
