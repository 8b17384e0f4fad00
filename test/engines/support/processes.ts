/**
 * Every browser, driver, Xvfb and runtime process an engine test starts goes through
 * `spawnGroup`: it leads a process group of its own (so its helpers, a browser's content
 * processes or WebKit's web and network processes, go with it) and the group is recorded
 * in the folder test/engines/global-teardown.ts made, so the group is killed even when a
 * worker dies or a hook times out. `stop` kills a group at once; the file asks no one.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set by the global setup: where the workers record the groups they lead. */
export const GROUPS_DIR_ENV = 'MINISOCKET_ENGINE_GROUPS';

const live = new Set<number>();

function record(pid: number): void {
  live.add(pid);
  const dir = process.env[GROUPS_DIR_ENV];
  if (dir === undefined) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(pid)), '');
}

function forget(pid: number): void {
  live.delete(pid);
  const dir = process.env[GROUPS_DIR_ENV];
  if (dir !== undefined) rmSync(join(dir, String(pid)), { force: true });
}

/** SIGKILL to a whole group; true when it existed. */
export function killGroup(pid: number): boolean {
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

export interface Group {
  child: ChildProcess;
  pid: number;
  /** Everything the group wrote to stderr (and stdout unless piped elsewhere), for a failure message. */
  output(): string;
  /** Kills the group and waits for its leader to be reaped. */
  stop(): Promise<void>;
}

/** Spawns `command` as the leader of a new process group that is killed on stop, on exit, and by the global teardown. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): Group {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  record(pid);
  let text = '';
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString()).slice(-8000);
  };
  child.stderr?.on('data', keep);
  if (options.stdio === undefined) child.stdout?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  return {
    child,
    pid,
    output: () => text,
    async stop() {
      killGroup(pid);
      await exited;
      forget(pid);
    }
  };
}

/** Records a group some library started (puppeteer starts Firefox detached, as its group's leader). */
export function adoptGroup(pid: number): () => void {
  record(pid);
  return () => {
    killGroup(pid);
    forget(pid);
  };
}

/** Kills every group this process started and has not stopped. */
function killAll(): void {
  for (const pid of live) killGroup(pid);
}

/**
 * Runs `cleanup` on exit and on SIGINT, SIGTERM and SIGHUP; a signal nobody else listens
 * for is raised again afterwards, so the process still ends as the signal says.
 */
export function onEnd(cleanup: () => void): void {
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanup();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

// A worker that ends without running afterAll (an uncaught error, a forced exit, a signal) still kills its groups.
onEnd(killAll);
// A worker whose vitest was killed outright loses its IPC channel: its groups go at once.
if (process.send !== undefined) process.once('disconnect', killAll);
