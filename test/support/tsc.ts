/**
 * The one TypeScript compiler runner of the tests: this repository's tsc in a child
 * process, for the tests that compile a fixture as a user's project would.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, with a trailing slash. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** A fixture compiled alone as a strict nodenext project (lib es2022 + dom, Node's types). */
export const STRICT_NODENEXT: readonly string[] = [
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
  '--skipLibCheck'
];

/**
 * Runs `tsc ...args` (in the repository's root unless `cwd` says otherwise). Resolves with
 * what tsc printed when it failed (its diagnostics, or why it could not run), '' when it
 * succeeded; never rejects, so the test's own assertion shows the output.
 */
export function tsc(args: readonly string[], options: { cwd?: string; timeout?: number } = {}): Promise<string> {
  const bin = `${root}node_modules/typescript/bin/tsc`;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, timeout: options.timeout ?? 170_000 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}`.trim() || String(error) : '')
    );
  });
}
