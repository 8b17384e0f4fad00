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
import { describe, it } from 'vitest';
import { createSocketApi, type ProfileName, type SocketApi, type SocketApiConfig } from '../../src/index.js';
import { createNativeStandIn, type NativeQuirks, type NativeRuntime } from '../../src/testing/index.js';
import { withSyncTasks } from '../support/contract-runner.js';
import { describeContract, unknownCases } from '../support/contract-suite.js';

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

export function runNativeContract(run: NativeRun, title: string): void {
  const cannot = new Map(Object.entries(run.cannot ?? {}));
  describeContract(title, {
    env: 'browser',
    profile: run.profile,
    idPrefix: 'n',
    api: () => {
      // One stand-in per case, shared by the API objects it creates (one phone, one runtime limit).
      const native = createNativeStandIn({ profile: run.runtime, quirks: run.quirks });
      return (config: SocketApiConfig): SocketApi => {
        // The runtime's limits are reported once per API object (native-engine.test.ts checks it); the cases count warnings of their own.
        const warn = config.warn;
        const filtered = (message: string): void => void (message.startsWith(RUNTIME_REPORT) || warn?.(message));
        const api = createSocketApi({ native, ...config, warn: filtered }) as SocketApi;
        return config.profile === 'taro' ? withSyncTasks(api) : api;
      };
    },
    plan: (group, contractCase) => {
      const reason =
        run.profile === 'tt' && group.name === 'global functions' ? 'tt has no global functions' : cannot.get(contractCase.name);
      return reason === undefined ? undefined : { fails: reason };
    }
  });
  describe(title, () => {
    it('lists only cases that exist', () => {
      const unknown = unknownCases(cannot.keys());
      if (unknown.length > 0) throw new Error(`CANNOT names unknown cases: ${unknown.join(', ')}`);
    });
  });
}
