/**
 * Drives the built `minisocket` binary as a child process: one-shot runs, a long-lived
 * `serve`, and interactive sessions whose output is read line by line as it arrives.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** MINISOCKET_CLI overrides the binary (a private build while others rebuild dist/ in a shared checkout). */
export const BIN = process.env.MINISOCKET_CLI ?? join(ROOT, 'dist/esm/cli/main.js');
/** Every wait in these tests is bounded by this; a hung child is killed, never waited on forever. */
const LIMIT_MS = 15_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a lone `vitest run test/cli` builds only when dist is older than src. */
export function ensureBuilt(): void {
  if (process.env.MINISOCKET_CLI !== undefined) return;
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    // A type error elsewhere in a shared checkout still emits JavaScript; fail only if nothing was built.
    if (!existsSync(BIN)) throw error;
  }
}

/** An env without the colour switches of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.FORCE_COLOR;
  if (!('NO_COLOR' in extra)) delete env.NO_COLOR;
  return env;
}

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running child whose stdout lines can be awaited as they arrive. */
export class Child {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  stdout = '';
  stderr = '';
  private readonly exited: Promise<Finished>;
  private partial = '';
  private wake: (() => void) | undefined;

  constructor(args: string[], env: NodeJS.ProcessEnv = cleanEnv(), limitMs = LIMIT_MS) {
    this.proc = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: 'pipe' });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => {
      this.stdout += chunk;
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      this.lines.push(...parts);
      this.wake?.();
    });
    this.proc.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
      this.wake?.();
    });
    const killer = setTimeout(() => this.proc.kill('SIGKILL'), limitMs);
    this.exited = new Promise((resolve) => {
      this.proc.on('close', (status, signal) => {
        clearTimeout(killer);
        if (this.partial !== '') this.lines.push(this.partial);
        this.wake?.();
        resolve({ status, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves with the first stdout line (from index `from`) that `test` accepts. */
  async line(test: (line: string) => boolean, from = 0): Promise<string> {
    const deadline = Date.now() + LIMIT_MS;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      const found = this.lines.slice(from).find(test);
      if (found !== undefined) return found;
      if (exited) throw new Error(`child exited without the line; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no such line within ${LIMIT_MS} ms; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The stdout lines parsed as JSON (for --json runs). */
  events(): Array<Record<string, unknown>> {
    return this.lines.filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Waits for a JSON event matching `fields`. */
  event(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const matches = (line: string): boolean => {
      try {
        const event = JSON.parse(line) as Record<string, unknown>;
        return Object.entries(fields).every(([key, value]) => JSON.stringify(event[key]) === JSON.stringify(value));
      } catch {
        return false;
      }
    };
    return this.line(matches).then((line) => JSON.parse(line) as Record<string, unknown>);
  }

  write(text: string): void {
    this.proc.stdin.write(text);
  }

  end(text?: string): void {
    this.proc.stdin.end(text);
  }

  done(): Promise<Finished> {
    return this.exited;
  }
}

/** Runs the binary to completion with `input` on stdin. */
export function run(args: string[], input = '', env?: NodeJS.ProcessEnv): Promise<Finished> {
  const child = new Child(args, env);
  child.end(input);
  return child.done();
}

/** `minisocket serve --port 0 --json`, with its URL once it listens. */
export async function startServe(): Promise<{ child: Child; url: string; stop: () => Promise<Finished> }> {
  // Lives as long as its test file: bounded by the file, not by one step.
  const child = new Child(['serve', '--port', '0', '--json'], cleanEnv(), 10 * LIMIT_MS);
  const listening = JSON.parse(await child.line((line) => line.includes('"listening"'))) as { url: string };
  return {
    child,
    url: listening.url,
    stop: async () => {
      child.proc.kill('SIGTERM');
      return child.done();
    }
  };
}
