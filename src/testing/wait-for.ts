/**
 * waitFor(): retries an assertion about the client side (a rendered message, a callback
 * that was called) until it passes, for runners that have no such helper (Jest,
 * node:test); Vitest's vi.waitFor does the same. Bounded like every wait of the kit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { checkTimeout, DEFAULT_TIMEOUT } from './wait.js';

export interface WaitForOptions {
  /** In ms. Default 1000. */
  timeout?: number;
  /** Between tries, in ms. Default 10. */
  interval?: number;
}

/** Resolves with what `assertion` returns once it neither throws nor rejects; after the timeout, rejects with its last error. */
export async function waitFor<T>(assertion: () => T | Promise<T>, options: WaitForOptions = {}): Promise<T> {
  if (typeof assertion !== 'function')
    throw new TypeError('minisocket/testing: waitFor needs a function that throws until its condition holds');
  const timeout = checkTimeout(options.timeout, 'waitFor') ?? DEFAULT_TIMEOUT;
  const interval = checkTimeout(options.interval, 'waitFor interval') ?? 10;
  // Tries counted rather than clocks read: fake timers may freeze Date and performance, not node:timers.
  const tries = Math.max(1, Math.ceil(timeout / Math.max(interval, 1)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (attempt >= tries) {
        if (error instanceof Error) error.message = `${error.message}\n(minisocket/testing: waitFor gave up after ${timeout} ms)`;
        throw error;
      }
    }
    await sleep(interval);
  }
}
