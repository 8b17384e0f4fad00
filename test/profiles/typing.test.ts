/** createSocketApi is typed per profile: Taro's connectSocket returns a Promise, tt has no globals. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the typing fixture compiles under strict TypeScript', async () => {
  const fixture = fileURLToPath(new URL('./fixtures/typing.ts', import.meta.url));
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const args = [
    tsc,
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--lib',
    'es2022,dom',
    '--types',
    'node',
    '--skipLibCheck',
    fixture
  ];
  const output = await new Promise<string>((resolve) => {
    execFile(process.execPath, args, { timeout: 170_000 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}` || String(error) : '')
    );
  });
  // Only the fixture's own diagnostics: the rest of src has its own typecheck (npm run typecheck).
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(' '));
  expect(lines.filter((line) => line.includes('typing.ts'))).toEqual([]);
  // Anything else must be a diagnostic about src itself, not a tsc that failed to run.
  expect(lines.filter((line) => !/^src\/\S+\(\d+,\d+\): error TS/.test(line))).toEqual([]);
}, 180_000);
