/**
 * One runner for every engine: the whole shared contract suite (test/contract), one `it`
 * per case, generic over the case list, each case run inside the engine by its CaseRunner.
 * Cases marked nodeOnly run only where the engine is given env 'node' (the Node entry);
 * where an engine itself differs, the case is an expected failure with the reason, so a
 * change in that engine shows up here.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { groups } from '../../contract/index.js';
import type { CaseResult } from '../../support/contract-runner.js';
import { unknownCases } from '../../support/contract-suite.js';
import { whenMissing, type Located } from './runtimes.js';

export interface CaseRequest {
  group: string;
  name: string;
  id: string;
}

export type { CaseResult } from '../../support/contract-runner.js';

export interface CaseRunner {
  run(request: CaseRequest, timeout: number): Promise<CaseResult>;
  /** Stops every process and server the runner started. */
  close(): Promise<void>;
}

export interface EngineDef {
  /** e.g. 'Deno 2.9.6, WHATWG entry'. */
  title: string;
  /** 'node': the Node entry, all cases; 'browser': a WHATWG entry, nodeOnly cases skipped. */
  env: 'node' | 'browser';
  located: Located;
  /** Case name -> why this engine fails it (the README's runtime table says the same). */
  differs?: Record<string, string>;
  /** Case name -> why it is not run here: the engine passes or fails it by chance (a race inside the engine). */
  racy?: Record<string, string>;
  start(): Promise<CaseRunner>;
  /** For the hook timeouts: how long start may take. */
  startTimeout?: number;
}

export function runOnEngine(def: EngineDef): void {
  const mode = whenMissing(def.title, def.located);
  const differs = new Map(Object.entries(def.differs ?? {}));
  const racy = new Map(Object.entries(def.racy ?? {}));
  (mode === 'skip' ? describe.skip : describe)(`${def.title}: shared contract cases`, () => {
    let runner: CaseRunner | undefined;
    const missing = `${def.title} is not installed (CI=true, so every case fails). Install it with:\n  ${def.located.install}`;
    beforeAll(async () => {
      if (mode === 'run') runner = await def.start();
    }, def.startTimeout ?? 60_000);
    afterAll(async () => {
      await runner?.close();
    }, 30_000);

    it('every difference and race listed names a case of the suite', () => {
      const stale = unknownCases([...differs.keys(), ...racy.keys()]);
      if (stale.length > 0) throw new Error(`no such case (renamed or removed?): ${stale.join('; ')}`);
    });

    let counter = 0;
    for (const group of groups) {
      describe(group.name, () => {
        for (const contractCase of group.cases) {
          const skip = (contractCase.nodeOnly && def.env !== 'node') || racy.has(contractCase.name);
          // A missing runtime in CI: every case is a plain failure, none an expected one.
          const test = skip ? it.skip : differs.has(contractCase.name) && mode === 'run' ? it.fails : it;
          test(
            contractCase.name,
            async () => {
              if (mode === 'fail') throw new Error(missing);
              if (runner === undefined) throw new Error(`${def.title} did not start`);
              const id = `e${++counter}`;
              const result = await runner.run({ group: group.name, name: contractCase.name, id }, contractCase.timeout + 5000);
              if (!result.ok) {
                const extra = (result.warnings ?? []).map((w) => `warning: ${w}`).join('\n');
                throw new Error(`${result.message ?? 'failed'}${extra ? `\n${extra}` : ''}`);
              }
            },
            contractCase.timeout + 10_000
          );
        }
      });
    }
  });
}

/** Rejects after `ms` with `what` in the message; clears its timer either way. */
export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
