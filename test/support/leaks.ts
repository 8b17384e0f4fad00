/**
 * The one leak-count setup: the process's handles counted by kind before and after, the
 * kinds that grew, and a settle that runs forced garbage collections so that WeakRefs to
 * tasks nobody holds any more clear. Node only.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TestServer } from '../../src/testing/index.js';
import { delay } from './wait.js';

/** The worker's own stdout pipes and TTYs: a test that logs may open and close them. */
export const RUNNER_STREAMS: readonly string[] = ['PipeWrap', 'TTYWrap'];

/** Active handles by kind (`process.getActiveResourcesInfo()`), without the kinds in `ignore`. */
export function resources(ignore: readonly string[] = []): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) {
    if (ignore.includes(name)) continue;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The kinds of which `after` holds more than `before`; fewer is fine (the runner's own timers come and go). */
export function grownKinds(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((kind) => after[kind]! > (before[kind] ?? 0));
}

let gc: (() => void) | undefined;

/** Five turns of the event loop, each followed by a full garbage collection. */
export async function settle(): Promise<void> {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

/** Waits (at most 2 s, without failing) until the server has seen every connection's end: its side closes a moment after the client's. */
export async function serverSideClosed(server: TestServer): Promise<void> {
  for (let i = 0; i < 200 && server.connections.some((c) => c.closed === undefined); i++) await delay(10);
}
