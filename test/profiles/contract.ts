/**
 * Runs the shared contract cases (test/contract) under one profile, against the real test
 * server. Cases read `ctx.profile` where a profile's expected behaviour differs. Under
 * `taro`, connectSocket returns a Promise; the cases drive tasks synchronously, so the
 * runner hands them the task behind the Promise (taro.test.ts tests the Promise itself).
 */
import { createSocketApi, type ProfileName, type SocketApi, type SocketApiConfig } from '../../src/index.js';
import { withSyncTasks } from '../support/contract-runner.js';
import { describeContract } from '../support/contract-suite.js';

const create = (config: SocketApiConfig): SocketApi => {
  const api = createSocketApi(config) as SocketApi;
  return config.profile === 'taro' ? withSyncTasks(api) : api;
};

export function runContract(profile: ProfileName): void {
  describeContract(`shared contract cases under ${profile}`, {
    env: 'node',
    profile,
    idPrefix: profile,
    api: () => create,
    // tt has no global functions (its own test file checks they are undefined).
    plan: (group) => (profile === 'tt' && group.name === 'global functions' ? 'skip' : undefined)
  });
}
