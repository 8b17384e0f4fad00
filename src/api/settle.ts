/**
 * The global functions' two calling styles: callbacks, or a Promise exactly when the
 * options have none of the keys success, fail and complete (WeChat's rule).
 */
import type { SocketError } from '../errors.js';
import { readCallbacks, type CallbackSet } from '../task/callbacks.js';

function hasCallbackKey(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  try {
    return 'success' in options || 'fail' in options || 'complete' in options;
  } catch {
    return false;
  }
}

/**
 * Runs `call` with the caller's callbacks, or with callbacks that settle a Promise.
 * The Promise rejects with the fail result itself (not an Error), as the platforms do.
 */
export function callbacksOrPromise(options: unknown, call: (callbacks: CallbackSet) => void): Promise<object> | undefined {
  if (hasCallbackKey(options)) {
    call(readCallbacks(options));
    return undefined;
  }
  let callbacks!: CallbackSet;
  const promise = new Promise<object>((resolve, reject) => {
    // Every result is an object (an ok result, or the fail result the Promise rejects with).
    callbacks = { success: (result) => resolve(result as object), fail: reject };
  });
  // A fire-and-forget call must not crash Node with an unhandled rejection (a mini-program
  // runtime only logs it); a caller that chains on the promise still sees the rejection.
  promise.catch(() => undefined);
  call(callbacks);
  return promise;
}

export type { SocketError };
