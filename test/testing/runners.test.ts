/**
 * The guide's examples (docs/testing.md) in the runners it names, each as users run it:
 * node:test, Jest 30 and Jest 29, each in Node's environment and jsdom's (the
 * miniprogram-simulate recipe runs in jsdom only). Vitest runs its example itself
 * (guide/kicked.test.ts). They import `minisocket/testing` by name, so they test the build.
 * Jest runs in band: one process beside the other test files, not a pool of workers.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const config = 'test/testing/guide/jest.config.cjs';

interface Run {
  code: number | null;
  output: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, timeout: 240_000, env: { ...process.env, ...env, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, output: `${stdout}${stderr}` });
      }
    );
  });
}

/** Jest's own count: every suite of both projects ran, and all passed. */
function jestCounts(output: string): { suites: string | undefined; tests: string | undefined } {
  return { suites: /Test Suites:\s+(.*)/.exec(output)?.[1], tests: /Tests:\s+(.*)/.exec(output)?.[1] };
}

describe('the guide runs in every runner it names', () => {
  it('node:test', async () => {
    const { code, output } = await run(['--test', 'test/testing/guide/kicked.node-test.mjs']);
    expect(output).toMatch(/^# pass 1$/m);
    expect({ code, output }).toMatchObject({ code: 0 });
  }, 250_000);

  it('Jest 30, node and jsdom environments', async () => {
    const { code, output } = await run([`${root}node_modules/jest/bin/jest.js`, '--config', config, '--ci', '--runInBand']);
    expect(jestCounts(output), output).toEqual({ suites: '5 passed, 5 total', tests: '9 passed, 9 total' });
    expect(code, output).toBe(0);
  }, 250_000);

  it('Jest 29, node and jsdom environments', async () => {
    const environment = require.resolve('jest-environment-jsdom-29');
    const { code, output } = await run([`${root}node_modules/jest-29/bin/jest.js`, '--config', config, '--ci', '--runInBand'], {
      JEST_JSDOM_ENVIRONMENT: environment
    });
    expect(output).toMatch(/^PASS jsdom .*chat-room\.test\.cjs/m);
    expect(jestCounts(output), output).toEqual({ suites: '5 passed, 5 total', tests: '9 passed, 9 total' });
    expect(code, output).toBe(0);
  }, 250_000);
});
