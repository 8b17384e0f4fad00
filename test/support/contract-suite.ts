/**
 * The one vitest registrar of the shared contract cases (test/contract) run in this
 * process: a describe with its own test server (and a second one for `/hang` where the
 * engine needs it, and a refused URL), one `it` per case, each case on a fresh ctx and
 * whatever it left open closed afterwards. What differs per runner is data: the API, the
 * env and profile, and which cases are skipped, left out or expected to fail (with why).
 * Runners elsewhere (browsers, Bun, Deno) use contract-runner.ts directly.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ProfileName, SocketApi, SocketApiConfig } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { type CaseGroup, type ContractCase, groups, makeCtx } from '../contract/index.js';
import { routeHang, runOnCtx } from './contract-runner.js';
import { freePort } from './free-port.js';

/** How one case is registered: absent, it runs; 'skip', listed as skipped; 'omit', left out; `fails`, an expected failure titled with its reason. */
export type CasePlan = 'skip' | 'omit' | { fails: string };

export interface ContractSuite {
  env: 'node' | 'browser';
  /** Default 'standard'. */
  profile?: ProfileName;
  /** Case ids are `<idPrefix><n>`: they tag each case's connections in the server log. */
  idPrefix: string;
  /** The createSocketApi of one case run: called once per case (a fresh native stand-in per case, where the runner wants one). */
  api(): (config: SocketApiConfig) => SocketApi;
  /** Serve `/hang` from a second server (WHATWG engines allow one handshake per host:port at a time). */
  hang?: boolean;
  plan?(group: CaseGroup, contractCase: ContractCase): CasePlan | undefined;
}

/** Registers the suite under `title`; a listed expected failure whose case is gone fails the run. */
export function describeContract(title: string, suite: ContractSuite): void {
  describe(title, () => {
    let server: TestServer;
    let hang: TestServer | undefined;
    let refusedUrl: string;
    beforeAll(async () => {
      server = await createTestServer();
      if (suite.hang === true) hang = await createTestServer();
      refusedUrl = `ws://127.0.0.1:${await freePort()}/`;
    });
    afterAll(async () => {
      await server?.close();
      await hang?.close();
    });

    let counter = 0;
    for (const group of groups) {
      const planned = group.cases.map((contractCase) => [contractCase, suite.plan?.(group, contractCase)] as const);
      if (planned.every(([, plan]) => plan === 'omit')) continue;
      describe(group.name, () => {
        for (const [contractCase, plan] of planned) {
          if (plan === 'omit') continue;
          const fails = typeof plan === 'object' ? plan.fails : undefined;
          const test = plan === 'skip' ? it.skip : fails === undefined ? it : it.fails;
          test(
            fails === undefined ? contractCase.name : `${contractCase.name} [cannot: ${fails}]`,
            async () => {
              const id = `${suite.idPrefix}${++counter}`;
              const setup = { env: suite.env, id, serverUrl: server.url, createSocketApi: suite.api(), refusedUrl };
              const ctx = makeCtx(suite.profile === undefined ? setup : { ...setup, profile: suite.profile });
              if (hang !== undefined) routeHang(ctx, id, server.url, hang.url);
              await runOnCtx(contractCase, ctx);
            },
            contractCase.timeout + 2000
          );
        }
      });
    }
  });
}

/** A check for a runner's list of case names: every name must be a case of the suite. */
export function unknownCases(names: Iterable<string>): string[] {
  const known = new Set(groups.flatMap((group) => group.cases.map((contractCase) => contractCase.name)));
  return [...names].filter((name) => !known.has(name));
}
