/**
 * Where each engine's program is, and what happens when it is not there: in CI (CI=true) a
 * missing runtime fails every test of its file, loudly; on a developer's machine the file
 * is skipped and prints the one command that installs it. MINISOCKET_FIREFOX, _BUN, _DENO,
 * _WEBKITWEBDRIVER, _MINIBROWSER and _XVFB name another program (and only that one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Located {
  /** The program to run, or undefined when missing. */
  path: string | undefined;
  /** Its version line, for the test names and the failure messages. */
  version: string;
  /** What to run to install it. */
  install: string;
}

const require = createRequire(import.meta.url);

/** The first path that exists; an override from the environment, when set, is the only candidate. */
function firstExisting(paths: Array<string | undefined>, override?: string): string | undefined {
  if (override !== undefined && override !== '') return existsSync(override) ? override : undefined;
  return paths.find((path): path is string => path !== undefined && existsSync(path));
}

function versionOf(path: string | undefined, args = ['--version']): string {
  if (path === undefined) return '';
  try {
    return (
      execFileSync(path, args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0] ?? ''
    );
  } catch {
    return '';
  }
}

/** A file inside an installed npm package, or undefined when the package is not installed. */
function inPackage(name: string, file: string): string | undefined {
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), file);
  } catch {
    return undefined;
  }
}

/**
 * An npm runtime's binary. npm 11 does not run the `bun` and `deno` packages' postinstall
 * scripts, which move the platform package's binary into place; so the platform package
 * (an optionalDependency npm does install) is looked at first, then the moved binary.
 */
function npmBinary(candidates: Array<string | undefined>, install: string, override?: string): Located {
  for (const path of override !== undefined && override !== '' ? [override] : candidates) {
    if (path === undefined || !existsSync(path)) continue;
    const version = versionOf(path);
    if (version !== '') return { path, version, install };
  }
  return { path: undefined, version: '', install };
}

const arch = process.arch === 'arm64' ? 'aarch64' : 'x64';
const denoArch = process.arch === 'arm64' ? 'arm64' : 'x64';

export const bun = (): Located =>
  npmBinary(
    [inPackage(`@oven/bun-linux-${arch}`, 'bin/bun'), inPackage('bun', 'bin/bun.exe')],
    'npm ci (bun is a devDependency)',
    process.env.MINISOCKET_BUN
  );

export const deno = (): Located =>
  npmBinary(
    [inPackage(`@deno/linux-${denoArch}-glibc`, 'deno'), inPackage('deno', 'deno')],
    'npm ci (deno is a devDependency)',
    process.env.MINISOCKET_DENO
  );

export function firefox(): Located {
  const path = firstExisting(['/usr/bin/firefox-esr', '/usr/bin/firefox'], process.env.MINISOCKET_FIREFOX);
  return { path, version: versionOf(path), install: 'sudo apt-get install --no-install-recommends firefox-esr' };
}

/** WebKitGTK's WebDriver, its MiniBrowser and Xvfb: all three or nothing. */
export function webkit(): Located & { miniBrowser: string | undefined; xvfb: string | undefined } {
  const driver = firstExisting(['/usr/bin/WebKitWebDriver'], process.env.MINISOCKET_WEBKITWEBDRIVER);
  const libDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu'].flatMap((lib) => [
    `${lib}/webkit2gtk-4.1`,
    `${lib}/webkit2gtk-4.0`,
    `${lib}/webkitgtk-6.0`
  ]);
  const miniBrowser = firstExisting(
    libDirs.map((dir) => `${dir}/MiniBrowser`),
    process.env.MINISOCKET_MINIBROWSER
  );
  const xvfb = firstExisting(['/usr/bin/Xvfb'], process.env.MINISOCKET_XVFB);
  const all = driver !== undefined && miniBrowser !== undefined && xvfb !== undefined;
  return {
    path: all ? driver : undefined,
    miniBrowser,
    xvfb,
    // `dpkg-query -W` prints the package's name, a tab, and its version.
    version: all ? `WebKitGTK ${versionOf('dpkg-query', ['-W', 'webkit2gtk-driver']).split('\t')[1] ?? ''}`.trim() : '',
    install: 'sudo apt-get install --no-install-recommends webkit2gtk-driver xvfb'
  };
}

/** In CI a missing runtime is an error; locally it is a skip that prints how to install it. */
export function whenMissing(engine: string, located: Located): 'run' | 'fail' | 'skip' {
  if (located.path !== undefined) return 'run';
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') return 'fail';
  console.warn(`\n${engine} is not installed, so its contract tests are skipped. Install it with:\n  ${located.install}\n`);
  return 'skip';
}
