/**
 * The shared contract cases (test/contract) over the native engine: minisocket's API with
 * `native` set to a stand-in runtime (minisocket/testing's createNativeStandIn), against
 * the real test server. Each case gets a fresh stand-in, shared by the API objects it
 * creates (one phone, one runtime limit).
 *
 * Nothing is skipped. A case the native engine cannot satisfy over a runtime is listed
 * with the reason (`CANNOT`), and runs as an expected failure: if it starts to pass, the
 * run fails until the list is corrected.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { taskOfResult } from '../../src/api/create-api.js';
import { createSocketApi, type ProfileName, type SocketApi, type SocketApiConfig } from '../../src/index.js';
import { createNativeStandIn, createTestServer, type NativeQuirks, type NativeRuntime, type TestServer } from '../../src/testing/index.js';
import { cleanup, groups, makeCtx } from '../contract/index.js';
import { freePort } from '../support/free-port.js';

/** How the native engine's one report of a runtime's limits starts. */
export const RUNTIME_REPORT = 'the native engine on ';

export interface NativeRun {
  /** minisocket's profile. */
  profile: ProfileName;
  /** The stand-in runtime under it. */
  runtime: NativeRuntime;
  quirks?: Partial<NativeQuirks>;
  /** Case name -> why the native engine cannot satisfy it over this runtime. */
  cannot?: Record<string, string>;
}

/** Taro's API with connectSocket returning the task behind its Promise, at once (as test/profiles/contract.ts does). */
function withSyncTasks(api: SocketApi): SocketApi {
  const unwrapped = Object.create(api) as SocketApi;
  Object.defineProperty(unwrapped, 'connectSocket', {
    value: (options: Parameters<SocketApi['connectSocket']>[0]) => {
      const promise = api.connectSocket(options) as unknown as Promise<unknown>;
      promise.catch(() => undefined);
      return taskOfResult(promise);
    }
  });
  return unwrapped;
}

export function runNativeContract(run: NativeRun, title: string): void {
  describe(title, () => {
    let server: TestServer;
    let refusedUrl: string;
    beforeAll(async () => {
      server = await createTestServer();
      refusedUrl = `ws://127.0.0.1:${await freePort()}/`;
    });
    afterAll(() => server.close());

    const cannot = new Map(Object.entries(run.cannot ?? {}));
    let counter = 0;
    for (const group of groups) {
      const noGlobals = run.profile === 'tt' && group.name === 'global functions';
      describe(group.name, () => {
        for (const contractCase of group.cases) {
          const reason = noGlobals ? 'tt has no global functions' : cannot.get(contractCase.name);
          cannot.delete(contractCase.name);
          const test = reason === undefined ? it : it.fails;
          test(
            reason === undefined ? contractCase.name : `${contractCase.name} [cannot: ${reason}]`,
            async () => {
              const native = createNativeStandIn({ profile: run.runtime, quirks: run.quirks });
              const create = (config: SocketApiConfig): SocketApi => {
                // The runtime's limits are reported once per API object (native-engine.test.ts checks it); the cases count warnings of their own.
                const warn = config.warn;
                const filtered = (message: string): void => void (message.startsWith(RUNTIME_REPORT) || warn?.(message));
                const api = createSocketApi({ native, ...config, warn: filtered }) as SocketApi;
                return config.profile === 'taro' ? withSyncTasks(api) : api;
              };
              const ctx = makeCtx({
                env: 'browser',
                profile: run.profile,
                id: `n${++counter}`,
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
    it('lists only cases that exist', () => {
      if (cannot.size > 0) throw new Error(`CANNOT names unknown cases: ${[...cannot.keys()].join(', ')}`);
    });
  });
}
