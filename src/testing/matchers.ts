/**
 * Matchers for Vitest and Jest: `expect.extend(matchers)`. They take a test server or a
 * connection, wait with the same bounded waits as nextMessage and waitForClose, and fail
 * with the runner's own hint and diff ("- Expected / + Received").
 *
 * Only the part of the matcher context both runners provide is used (isNot, promise,
 * equals, utils.matcherHint/printExpected/printReceived/diff), so one object serves both.
 */
import type { CloseInfo, TestConnection, TestServer, WaitOptions } from './types.js';
import { preview } from './wait.js';

/** The part of Vitest's and Jest's matcher context these matchers use. */
export interface MatcherContext {
  isNot: boolean;
  promise: string;
  equals(a: unknown, b: unknown): boolean;
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
    diff(expected: unknown, received: unknown): string | null | undefined;
  };
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** What the matchers add to `expect(...)`; the type augmentations (minisocket/testing/vitest, /jest) use it. */
export interface SocketMatchers<R> {
  /** Waits (default: the server's timeout, 1 s) for the next message not yet taken, and compares it with `expected` (deep equality). */
  toReceiveMessage(expected: unknown, options?: WaitOptions): Promise<R>;
  /** The messages received so far include each of `expected`, in this order (others may come between). */
  toHaveReceivedMessages(expected: readonly unknown[]): R;
  /** Waits for the connection to close; compares the code and reason given (either may be left out). */
  toHaveClosed(expected?: Partial<CloseInfo>, options?: WaitOptions): Promise<R>;
}

type Target = TestServer<unknown> | TestConnection<unknown>;

const isConnection = (value: Target): value is TestConnection<unknown> => 'handshake' in value;

function asTarget(received: unknown, matcher: string, connectionOnly = false): Target {
  const ok =
    typeof received === 'object' &&
    received !== null &&
    typeof (received as { nextMessage?: unknown }).nextMessage === 'function' &&
    Array.isArray((received as { messages?: unknown }).messages) &&
    (!connectionOnly || 'handshake' in received);
  if (!ok) {
    const what = connectionOnly
      ? 'a connection from server.nextConnection()'
      : 'a test server or a connection from server.nextConnection()';
    throw new TypeError(`minisocket/testing: ${matcher} needs ${what}, got ${received === null ? 'null' : typeof received}`);
  }
  return received as Target;
}

const label = (target: Target): string => (isConnection(target) ? 'connection' : 'server');
const describeTarget = (target: Target): string => (isConnection(target) ? `the connection to ${target.handshake.path}` : 'the server');

/** The explanation after "got nothing": the wait's own error text, which says what did arrive. */
const why = (error: unknown): string => (error instanceof Error ? error.message.replace(/^minisocket\/testing: /, '') : String(error));

function diffOrBoth(context: MatcherContext, expected: unknown, received: unknown): string {
  const diff = context.utils.diff(expected, received);
  if (typeof diff === 'string' && diff.includes('Expected')) return diff;
  return `Expected: ${context.utils.printExpected(expected)}\nReceived: ${context.utils.printReceived(received)}`;
}

async function toReceiveMessage(this: MatcherContext, received: unknown, expected: unknown, options?: WaitOptions): Promise<MatcherResult> {
  const target = asTarget(received, 'toReceiveMessage');
  const hint = this.utils.matcherHint('toReceiveMessage', label(target), 'expected', { isNot: this.isNot, promise: this.promise });
  const timeout = options?.timeout ?? target.timeout;
  let message: unknown;
  try {
    message = await target.nextMessage(options);
  } catch (error) {
    const text = `Expected ${describeTarget(target)} to receive ${preview(expected)} within ${timeout} ms, got nothing.\n${why(error)}`;
    return { pass: false, message: () => `${hint}\n\n${text}` };
  }
  const pass = this.equals(message, expected);
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected ${describeTarget(target)} not to receive ${this.utils.printExpected(expected)}, but it did.`
        : `${hint}\n\nThe next message ${describeTarget(target)} received is not the expected one.\n\n${diffOrBoth(this, expected, message)}`
  };
}

/** Whether `wanted` occurs in `all` in order (a subsequence), by the runner's equality. */
function inOrder(context: MatcherContext, all: readonly unknown[], wanted: readonly unknown[]): boolean {
  let at = 0;
  for (const message of all) if (at < wanted.length && context.equals(message, wanted[at])) at++;
  return at === wanted.length;
}

function toHaveReceivedMessages(this: MatcherContext, received: unknown, expected: readonly unknown[]): MatcherResult {
  const target = asTarget(received, 'toHaveReceivedMessages');
  if (!Array.isArray(expected)) throw new TypeError('minisocket/testing: toHaveReceivedMessages needs an array of messages');
  const hint = this.utils.matcherHint('toHaveReceivedMessages', label(target), 'expected', { isNot: this.isNot, promise: this.promise });
  const all = target.messages;
  const pass = inOrder(this, all, expected);
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected ${describeTarget(target)} not to have received these messages in this order, but it did.\nReceived: ${this.utils.printReceived(all)}`
        : `${hint}\n\nExpected ${describeTarget(target)} to have received these messages, in this order.\n\n${diffOrBoth(this, expected, all)}`
  };
}

async function toHaveClosed(
  this: MatcherContext,
  received: unknown,
  expected?: Partial<CloseInfo>,
  options?: WaitOptions
): Promise<MatcherResult> {
  const target = asTarget(received, 'toHaveClosed', true) as TestConnection<unknown>;
  const hint = this.utils.matcherHint('toHaveClosed', 'connection', expected === undefined ? '' : 'expected', {
    isNot: this.isNot,
    promise: this.promise
  });
  let closed: CloseInfo;
  try {
    closed = await target.waitForClose(options);
  } catch (error) {
    const wanted = expected === undefined ? '' : ` with ${preview(expected)}`;
    return { pass: false, message: () => `${hint}\n\nExpected ${describeTarget(target)} to close${wanted}.\n${why(error)}` };
  }
  // Only the fields given are compared: toHaveClosed({ code: 4001 }) ignores the reason.
  const seen: Partial<CloseInfo> = {};
  if (expected?.code !== undefined) seen.code = closed.code;
  if (expected?.reason !== undefined) seen.reason = closed.reason;
  const pass = expected === undefined || this.equals(seen, expected);
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected ${describeTarget(target)} not to close${expected === undefined ? '' : ` with ${this.utils.printExpected(expected)}`}, but it closed with ${this.utils.printReceived(closed)}.`
        : `${hint}\n\n${describeTarget(target)} closed otherwise.\n\n${diffOrBoth(this, expected, seen)}`
  };
}

/** `expect.extend(matchers)` in Vitest or Jest. */
export const matchers = { toReceiveMessage, toHaveReceivedMessages, toHaveClosed };
