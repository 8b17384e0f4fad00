/**
 * The matcher types as a user's project sees them: each fixture compiled on its own
 * (moduleResolution node16, through package.json `exports`), so nothing else in this
 * repository's program can supply the augmentation.
 */
import { expect, it } from 'vitest';
import { root, tsc } from '../support/tsc.js';

/** Each fixture compiled alone, as a node16 project. */
const compile = (fixture: string): Promise<string> =>
  tsc(
    [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--types',
      'node',
      `${root}test/fixtures/testing-types/${fixture}`
    ],
    { timeout: 120_000 }
  );

it("minisocket/testing/vitest and minisocket/testing/jest declare the matchers on their runners' expect", async () => {
  // Each alone: Vitest's expect also takes the global jest.Matchers, so one program would hide a missing augmentation.
  // Without the augmentation, every matcher call in a fixture is an error (TS2339), so each compile can fail.
  // One after the other: two tsc processes at once slow the socket tests running beside this file.
  expect(await compile('vitest.mts')).toBe('');
  expect(await compile('jest.mts')).toBe('');
}, 130_000);
