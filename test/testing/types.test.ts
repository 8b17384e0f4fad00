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

it("minisocket/testing/vitest and minisocket/testing/jest declare the matchers on their runners' expect", async () => {
  // Each alone: Vitest's expect also takes the global jest.Matchers, so one program would hide a missing augmentation.
  // Without the augmentation, every matcher call in a fixture is an error (TS2339), so each compile can fail.
  // One after the other: two tsc processes at once slow the socket tests running beside this file.
  expect(await tsc('vitest.mts')).toBe('');
  expect(await tsc('jest.mts')).toBe('');
}, 130_000);
