/**
 * Runs a seed example as written: its text (kept verbatim in examples/) is evaluated as a
 * script body, so it sees the globals installGlobals put on globalThis, exactly as a
 * mini-program script would. `names` lists top-level declarations a test needs to reach
 * (the wx queue example's sendSocketMessage); `replace` is for the one wx placeholder URL
 * that no runtime can dial ('test.php'), and every test that uses it says so.
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect, vi } from 'vitest';
import type { ProfileName } from '../../src/index.js';
import { type InstallGlobalsOptions, installGlobals, type UninstallGlobals } from '../../src/testing/index.js';

export interface ExampleRun {
  exports: Record<string, unknown>;
}

export function runExample(
  file: string,
  options: { names?: string[]; replace?: [string, string]; params?: Record<string, unknown> } = {}
): ExampleRun {
  let body = readFileSync(new URL(`./examples/${file}`, import.meta.url), 'utf8');
  if (options.replace) {
    const [from, to] = options.replace;
    if (!body.includes(from)) throw new Error(`${file} does not contain ${from}`);
    body = body.split(from).join(to);
  }
  const names = options.names ?? [];
  const params = options.params ?? {};
  const script = `${body}\n;return { ${names.map((n) => `get ${n}() { return ${n}; }`).join(', ')} };`;
  // The example is the platform's code as written, run as a function body so its top-level names can be read back.
  const run = new Function(...Object.keys(params), script) as (...args: unknown[]) => Record<string, unknown>;
  return { exports: run(...Object.values(params)) };
}

/** Captures console.log / console.error lines (as the examples print them) for the test's duration. */
export function captureConsole(): { lines: Array<{ level: string; args: unknown[] }>; texts(): string[]; restore(): void } {
  const lines: Array<{ level: string; args: unknown[] }> = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push({ level: 'log', args }));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push({ level: 'error', args }));
  return {
    lines,
    texts: () => lines.map((line) => String(line.args[0])),
    restore() {
      log.mockRestore();
      error.mockRestore();
    }
  };
}

export type ConsoleCapture = ReturnType<typeof captureConsole>;

/**
 * A seed test's platform: `install(routes)` puts the profile's global on globalThis (the
 * example's URLs routed to the test server) and captures the console. After each test the
 * console is restored, the global removed (and checked gone), and with `closeSocket` the
 * global socket an example left open is closed through the same API.
 */
export function useSeedPlatform<P extends ProfileName>(
  profile: P,
  options: { closeSocket?: boolean; config?: InstallGlobalsOptions<P>['config'] } = {}
): { install(routes: Record<string, string>): UninstallGlobals<P>; readonly output: ConsoleCapture } {
  let uninstall: UninstallGlobals<P> | undefined;
  let output: ConsoleCapture | undefined;
  afterEach(async () => {
    output?.restore();
    output = undefined;
    const installed = uninstall;
    uninstall = undefined;
    installed?.();
    // The examples leave their socket open: close it through the same global API.
    if (options.closeSocket === true)
      await (installed?.api as { closeSocket(o: object): unknown } | undefined)?.closeSocket({ fail: () => undefined });
    if (installed !== undefined) expect((globalThis as Record<string, unknown>)[installed.globalName]).toBeUndefined();
  });
  return {
    install(routes) {
      uninstall = installGlobals({ profile, routes, ...(options.config === undefined ? {} : { config: options.config }) });
      output = captureConsole();
      return uninstall;
    },
    get output(): ConsoleCapture {
      if (output === undefined) throw new Error('install() first');
      return output;
    }
  };
}
