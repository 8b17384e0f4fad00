/**
 * `import 'minisocket/testing/vitest'`, in a test file or in Vitest's `setupFiles`:
 * registers the socket matchers with Vitest's `expect` and declares their types.
 */
import { expect } from 'vitest';
import { matchers, type SocketMatchers } from './matchers.js';

expect.extend(matchers);

declare module 'vitest' {
  // Repeats Vitest's own declaration (its `any` included): interfaces merge only with identical type parameters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> extends SocketMatchers<void> {}
}
