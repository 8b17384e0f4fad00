/**
 * `import 'minisocket/testing/vitest'`, in a test file or in Vitest's `setupFiles`:
 * registers the socket matchers with Vitest's `expect` and declares their types.
 */
import { expect } from 'vitest';
import { matchers, type SocketMatchers } from './matchers.js';

expect.extend(matchers);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: Vitest declares T = any; interfaces merge only with identical type parameters
  interface Matchers<T = any> extends SocketMatchers<void> {}
}
