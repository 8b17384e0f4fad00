/** createSocketApi is typed per profile: Taro's connectSocket returns a Promise, tt has no globals. */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { STRICT_NODENEXT, tsc } from '../support/tsc.js';

it('the typing fixture compiles under strict TypeScript', async () => {
  const fixture = fileURLToPath(new URL('./fixtures/typing.ts', import.meta.url));
  const output = await tsc([...STRICT_NODENEXT, fixture]);
  // Only the fixture's own diagnostics: the rest of src has its own typecheck (npm run typecheck).
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(' '));
  expect(lines.filter((line) => line.includes('typing.ts'))).toEqual([]);
  // Anything else must be a diagnostic about src itself, not a tsc that failed to run.
  expect(lines.filter((line) => !/^src\/\S+\(\d+,\d+\): error TS/.test(line))).toEqual([]);
}, 180_000);
