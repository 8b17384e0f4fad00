/**
 * The README's error table is the documentation of src/errors.ts: every code is in it,
 * with its name, and no code is there that the module does not define.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ErrCode } from '../../src/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('documents every errCode in the README table, and nothing else', () => {
  const rows = [...readme.matchAll(/^\| (\d+) \| `([A-Z0-9_]+)` \|/gm)].map((m) => [Number(m[1]), m[2]]);
  const defined = Object.entries(ErrCode).map(([name, code]) => [code, name]);
  expect(rows.sort()).toEqual(defined.sort());
});
