/**
 * Bounded waits for the test server's awaitable API. Each wait re-checks its condition
 * whenever the server reports a change (a connection, a message, a close), and fails
 * after `timeout` ms with an error that says what was awaited and what did arrive.
 *
 * The timers come from `node:timers`, not the global: fake timers (Vitest's `vi.useFakeTimers`,
 * Jest's `fakeTimers`) replace the global functions, and a wait must still end on time.
 */
import { clearTimeout, setTimeout } from 'node:timers';

/** What a condition returns once met: the value wrapped, so that any value (even undefined) can be one. */
export interface Met<T> {
  value: T;
}

/** Listeners told of every change on a server; a wait subscribes while it waits. */
export type Changes = Set<() => void>;

export function notify(changes: Changes): void {
  for (const listener of [...changes]) listener();
}

/** The default wait of every awaitable call: short, so that a missing message fails fast. */
export const DEFAULT_TIMEOUT = 1000;

export function checkTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new TypeError(`minisocket/testing: ${where} timeout must be a number of ms between 0 and ${2 ** 31 - 1}, got ${String(value)}`);
  }
  return value;
}

/**
 * Resolves with the condition's value once `probe` returns one; rejects with what `probe`
 * throws (a wait that can no longer succeed, such as a message on a closed connection),
 * or with `timedOut()` after `timeout` ms.
 */
export function waitForChange<T>(changes: Changes, probe: () => Met<T> | undefined, timeout: number, timedOut: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      changes.delete(check);
    };
    function check(): boolean {
      let met: Met<T> | undefined;
      try {
        met = probe();
      } catch (error) {
        finish();
        reject(error);
        return true;
      }
      if (met === undefined) return false;
      finish();
      resolve(met.value);
      return true;
    }
    if (check()) return;
    changes.add(check);
    timer = setTimeout(() => {
      finish();
      reject(timedOut());
    }, timeout);
  });
}

/** A short, one-line rendering of a message for error texts. */
export function preview(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function previewList(values: readonly unknown[]): string {
  if (values.length === 0) return 'none';
  const shown = values.slice(-5).map(preview).join(', ');
  return values.length > 5 ? `${values.length} (the last 5: ${shown})` : shown;
}
