/**
 * `minisocket/testing/jest`, in Jest's `setupFilesAfterEach` (or required at the top of a
 * test file): registers the socket matchers with Jest's global `expect` and declares their
 * types for both `@types/jest` (the global `expect`) and `@jest/globals`.
 */
import type {} from 'expect';
import { matchers, type SocketMatchers } from './matchers.js';

const expect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof expect?.extend !== 'function') {
  throw new Error(
    "minisocket/testing/jest: Jest's global expect is not there (injectGlobals: false?); call expect.extend(matchers) with the expect of '@jest/globals' instead"
  );
}
expect.extend(matchers);

declare global {
  namespace jest {
    // Repeats @types/jest's declaration: interfaces merge only with identical type parameters.
    // biome-ignore lint/complexity/noBannedTypes: @types/jest declares T = {}; a merge must repeat it
    interface Matchers<R, T = {}> extends SocketMatchers<R> {}
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends SocketMatchers<R> {}
}
