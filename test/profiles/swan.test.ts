/** The `swan` profile (Baidu, base library 1.9.4+): no limit, globals, and single-socket mode before 1.9.4. */
import { describe, expect, it } from 'vitest';
import { connect, type ProfileFacts, profileSuites } from './shared.js';
import { record, useApis, useServer } from './helpers.js';
import { runContract } from './contract.js';

const facts: ProfileFacts = {
  profile: 'swan',
  globals: true,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false,
  promise: false
};

describe('profile swan', () => {
  const server = useServer();
  const apis = useApis();
  const env = { server, apis };

  profileSuites(facts, env);

  it('singleSocket (before base library 1.9.4): each connectSocket closes the one before', async () => {
    const api = apis.create({ profile: 'swan', singleSocket: true });
    const tasks = [];
    const logs = [];
    for (let i = 0; i < 3; i++) {
      const task = await connect(api, { url: server.url('/echo') });
      tasks.push(task);
      logs.push(record(task));
      await logs[i]!.wait('open');
    }
    expect(await logs[0]!.wait('close')).toEqual({ code: 1000, reason: '' });
    expect(await logs[1]!.wait('close')).toEqual({ code: 1000, reason: '' });
    expect(tasks[2]!.readyState).toBe(tasks[2]!.OPEN);
  });
});

runContract('swan');
