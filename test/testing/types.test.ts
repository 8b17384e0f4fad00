/**
 * The matcher types as a user's project sees them: each fixture compiled on its own
 * (moduleResolution node16, through package.json `exports`), so nothing else in this
 * repository's program can supply the augmentation.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function tsc(...fixtures: string[]): Promise<string> {
  const args = [
    `${root}node_modules/typescript/bin/tsc`,
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--module',
    'node16',
    '--moduleResolution',
    'node16',
    '--types',
    'node',
    ...fixtures.map((f) => `${root}test/fixtures/testing-types/${f}`)
  ];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}` || String(error) : '')
    );
  });
}

it('minisocket/testing/vitest and minisocket/testing/jest declare the matchers; without them they are unknown', async () => {
  // Each alone: Vitest's expect also takes the global jest.Matchers, so the Jest augmentation would reach none.mts.
  const [vitest, jest, none] = await Promise.all([tsc('vitest.mts'), tsc('jest.mts'), tsc('none.mts')]);
  expect(vitest).toBe('');
  expect(jest).toBe('');
  expect(none).toMatch(/none\.mts\(\d+,\d+\): error TS2339: Property 'toReceiveMessage' does not exist/);
}, 130_000);
