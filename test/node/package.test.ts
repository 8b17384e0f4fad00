/**
 * The package as users get it: the built ESM and CommonJS entries load, and their types
 * resolve through package.json `exports` for both module systems (a consumer compiled
 * with moduleResolution node16, importing `minisocket` and `minisocket/testing` by name).
 */
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { root, tsc } from '../support/tsc.js';

it('loads as CommonJS and as ESM with the same exports', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require('minisocket') as Record<string, unknown>;
  const esm = (await import('minisocket')) as Record<string, unknown>;
  const names = (m: Record<string, unknown>): string[] =>
    Object.keys(m)
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort();
  expect(names(cjs)).toEqual(names(esm));
  expect(typeof cjs.connectSocket).toBe('function');
  expect(typeof (require('minisocket/testing') as Record<string, unknown>).createTestServer).toBe('function');
});

it('types resolve through exports for ESM and CommonJS consumers', async () => {
  const fixtures = ['esm.mts', 'cjs.cts'].map((f) => `${root}test/fixtures/consumer/${f}`);
  const output = await tsc(['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', ...fixtures]);
  expect(output).toBe('');
}, 180_000);
