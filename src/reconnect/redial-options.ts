/**
 * The application's say in each redial (issue 14):
 * - `beforeRedial(attempt)` may hand fresh options to the next link (a signed URL, a new
 *   token header): options are otherwise copied once, at connectSocket;
 * - `shouldReconnect(close, attempt)` decides whether a link that ended is worth another.
 *
 * Both are user code: whatever they throw, return or reject is reported through the
 * task's own channels (an attempt that failed with errCode 610042, the warning channel),
 * never thrown out of a timer.
 */
import { describe } from '../errors.js';
import type { ReconnectCloseInfo } from '../types.js';

/** The connectSocket options beforeRedial may replace. */
export const REDIAL_KEYS = ['url', 'header', 'protocols'] as const;

export type BeforeRedial = (attempt: number) => unknown;
export type ShouldReconnect = (close: ReconnectCloseInfo, attempt: number) => unknown;

/** What beforeRedial came to: options to merge (possibly none), or why the attempt failed. */
export type RedialOutcome = { options: Record<string, unknown> } | { failure: string; cause?: unknown };

/** Checks one beforeRedial result: nothing, or an object with only the keys it may replace. */
export function readRedialResult(value: unknown): RedialOutcome {
  if (value === undefined || value === null) return { options: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : describe(value);
    return { failure: `it must return (or resolve to) nothing or an object with url, header or protocols, got ${shown}` };
  }
  const options: Record<string, unknown> = {};
  try {
    for (const key of Object.keys(value)) {
      if (!(REDIAL_KEYS as readonly string[]).includes(key))
        return { failure: `${key} is not an option it may return (url, header, protocols)` };
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) options[key] = field;
    }
  } catch (cause) {
    return { failure: `reading its result: ${describe(cause)}`, cause };
  }
  return { options };
}

/**
 * Calls beforeRedial and reports its outcome to `done`: at once for a plain value or a
 * throw, when it settles for a thenable. Runs `done` exactly once.
 */
export function runBeforeRedial(hook: BeforeRedial, attempt: number, done: (outcome: RedialOutcome) => void): void {
  let value: unknown;
  try {
    value = hook(attempt);
  } catch (cause) {
    return done({ failure: describe(cause), cause });
  }
  if (!isThenable(value)) return done(readRedialResult(value));
  Promise.resolve(value).then(
    (resolved) => done(readRedialResult(resolved)),
    (cause: unknown) => done({ failure: `rejected: ${describe(cause)}`, cause })
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    // A throwing `then` getter: Promise.resolve reports it as a rejection.
    return true;
  }
}

/**
 * The application's verdict: true (reconnect), false (give up), or undefined to keep the
 * default rule, when there is no predicate or it threw or returned something else
 * (reported through `warn`).
 */
export function askShouldReconnect(
  hook: ShouldReconnect | undefined,
  close: ReconnectCloseInfo,
  attempt: number,
  warn: (message: string) => void
): boolean | undefined {
  if (hook === undefined) return undefined;
  let verdict: unknown;
  try {
    verdict = hook(close, attempt);
  } catch (error) {
    warn(`reconnect.shouldReconnect threw (the default rule decides): ${describe(error)}`);
    return undefined;
  }
  if (typeof verdict === 'boolean') return verdict;
  warn(`reconnect.shouldReconnect must return true or false (the default rule decides), got ${describe(verdict)}`);
  return undefined;
}
