/**
 * Runs the shared contract cases (test/contract) under one profile, against the real test
 * server. Cases read `ctx.profile` where a profile's expected behaviour differs. Under
 * `taro`, connectSocket returns a Promise; the cases drive tasks synchronously, so the
 * runner hands them the task behind the Promise (taro.test.ts tests the Promise itself).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { taskOfResult } from '../../src/api/create-api.js';
import { createSocketApi, type ProfileName, type SocketApi, type SocketApiConfig } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { cleanup, groups, makeCtx } from '../contract/index.js';
import { freePort } from '../support/free-port.js';

/** Taro's API with connectSocket returning the task behind its Promise, at once. */
function withSyncTasks(api: SocketApi): SocketApi {
  const unwrapped = Object.create(api) as SocketApi;
  Object.defineProperty(unwrapped, 'connectSocket', {
    value: (options: Parameters<SocketApi['connectSocket']>[0]) => {
      const promise = api.connectSocket(options) as unknown as Promise<unknown>;
      promise.catch(() => undefined); // a refused call rejects; the case sees it through fail/onError
      return taskOfResult(promise);
    }
  });
  return unwrapped;
}

export function runContract(profile: ProfileName): void {
  describe(`shared contract cases under ${profile}`, () => {
    let server: TestServer;
    let refusedUrl: string;
    beforeAll(async () => {
      server = await createTestServer();
      refusedUrl = `ws://127.0.0.1:${await freePort()}/`;
    });
    afterAll(() => server.close());

    const create = (config: SocketApiConfig): SocketApi => {
      const api = createSocketApi(config) as SocketApi;
      return config.profile === 'taro' ? withSyncTasks(api) : api;
    };
    let counter = 0;
    for (const group of groups) {
      // tt has no global functions (its own test file checks they are undefined).
      const skip = profile === 'tt' && group.name === 'global functions';
      (skip ? describe.skip : describe)(group.name, () => {
        for (const contractCase of group.cases) {
          it(
            contractCase.name,
            async () => {
              const ctx = makeCtx({
                env: 'node',
                profile,
                id: `${profile}${++counter}`,
                serverUrl: server.url,
                createSocketApi: create,
                refusedUrl
              });
              try {
                await contractCase.run(ctx);
              } finally {
                await cleanup(ctx);
              }
            },
            contractCase.timeout + 2000
          );
        }
      });
    }
  });
}
