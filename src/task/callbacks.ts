/**
 * success / fail / complete: reading them safely and calling them in the documented order.
 */
import type { SocketError } from '../errors.js';

// A callback takes whatever result its call produces: `unknown` here, each call site knows the shape.
type Callback = (result: unknown) => void;

/** The callbacks of one call, read once, each a function or undefined. */
export interface CallbackSet {
  success?: Callback | undefined;
  fail?: Callback | undefined;
  complete?: Callback | undefined;
}

export const NO_CALLBACKS: CallbackSet = Object.freeze({});

/** Reads one property; a getter that throws yields `thrown` instead of an exception. */
export function readProperty(source: object, key: string): { value?: unknown; thrown?: unknown } {
  try {
    return { value: (source as Record<string, unknown>)[key] };
  } catch (thrown) {
    return { thrown: thrown ?? new Error('getter threw') };
  }
}

const asFunction = (value: unknown): Callback | undefined => (typeof value === 'function' ? (value as Callback) : undefined);

// One reader per key (a literal property access each, and no result object): a getter that throws means no callback.
type MaybeCallbacks = { success?: unknown; fail?: unknown; complete?: unknown };
function successOf(options: MaybeCallbacks): Callback | undefined {
  try {
    return asFunction(options.success);
  } catch {
    return undefined;
  }
}
function failOf(options: MaybeCallbacks): Callback | undefined {
  try {
    return asFunction(options.fail);
  } catch {
    return undefined;
  }
}
function completeOf(options: MaybeCallbacks): Callback | undefined {
  try {
    return asFunction(options.complete);
  } catch {
    return undefined;
  }
}

/**
 * Reads success/fail/complete, in that order; a throwing getter makes that callback absent.
 * NO_CALLBACKS when there is none, so a call without callbacks allocates nothing here.
 */
export function readCallbacks(options: unknown): CallbackSet {
  if (typeof options !== 'object' || options === null) return NO_CALLBACKS;
  const success = successOf(options);
  const fail = failOf(options);
  const complete = completeOf(options);
  return success === undefined && fail === undefined && complete === undefined ? NO_CALLBACKS : { success, fail, complete };
}

export function hasCallbacks(callbacks: CallbackSet): boolean {
  return callbacks.success !== undefined || callbacks.fail !== undefined || callbacks.complete !== undefined;
}

function call(fn: Callback | undefined, result: unknown, onThrow: (error: unknown) => void): void {
  if (fn === undefined) return;
  try {
    (fn as (r: unknown) => void)(result);
  } catch (error) {
    onThrow(error);
  }
}

/** Runs success (or fail) then complete, now. `complete` gets the same object. */
export function settleNow(callbacks: CallbackSet, ok: boolean, result: object | SocketError, onThrow: (error: unknown) => void): void {
  call(ok ? callbacks.success : callbacks.fail, result, onThrow);
  call(callbacks.complete, result, onThrow);
}

/** Same as settleNow, but after the current call has returned (never inside it). */
export function settleLater(callbacks: CallbackSet, ok: boolean, result: object | SocketError, onThrow: (error: unknown) => void): void {
  if (!hasCallbacks(callbacks)) return;
  queueMicrotask(() => settleNow(callbacks, ok, result, onThrow));
}
