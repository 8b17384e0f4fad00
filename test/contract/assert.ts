/**
 * A tiny assertion helper for the contract cases, which must run unchanged in Node and in
 * a browser page: no libraries, no Node modules. Each failure says what was expected.
 */

export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** A readable rendering of any value, including the ones JSON.stringify mangles. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function' || value === undefined) return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`;
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      v instanceof ArrayBuffer ? `ArrayBuffer(${v.byteLength})` : v === undefined ? '<undefined>' : v
    );
    return text.length > 600 ? `${text.slice(0, 600)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function fail(message: string, note?: string): never {
  throw new AssertionError(note ? `${note}: ${message}` : message);
}

export function ok(value: unknown, note?: string): asserts value {
  if (!value) fail(`expected a truthy value, got ${show(value)}`, note);
}

export function equal(actual: unknown, expected: unknown, note?: string): void {
  if (!Object.is(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, note);
}

export function notEqual(actual: unknown, unexpected: unknown, note?: string): void {
  if (Object.is(actual, unexpected)) fail(`expected anything but ${show(unexpected)}`, note);
}

function same(a: unknown, b: unknown, path: string): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path || 'value'}: expected ${show(b)}, got ${show(a)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path || 'value'}: expected ${show(b)}, got ${show(a)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return `${path || 'value'}: expected a ${Object.prototype.toString.call(b)}, got ${Object.prototype.toString.call(a)}`;
  }
  if (a instanceof ArrayBuffer && b instanceof ArrayBuffer) {
    return same(Array.from(new Uint8Array(a)), Array.from(new Uint8Array(b)), path);
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inA = Object.hasOwn(a, key);
    const inB = Object.hasOwn(b, key);
    const where = path ? `${path}.${key}` : key;
    if (!inA) return `${where}: missing (expected ${show((b as Record<string, unknown>)[key])})`;
    if (!inB) return `${where}: unexpected key (value ${show((a as Record<string, unknown>)[key])})`;
    const diff = same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], where);
    if (diff) return diff;
  }
  return undefined;
}

/** Structural equality of plain objects, arrays and ArrayBuffers; prototypes must match, keys exactly. */
export function deepEqual(actual: unknown, expected: unknown, note?: string): void {
  const diff = same(actual, expected, '');
  if (diff) fail(`${diff}\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`, note);
}

/** Every key of `expected` is deep-equal in `actual`; other keys of `actual` are ignored. */
export function includes(actual: unknown, expected: Record<string, unknown>, note?: string): void {
  if (typeof actual !== 'object' || actual === null) fail(`expected an object, got ${show(actual)}`, note);
  for (const [key, value] of Object.entries(expected)) {
    const diff = same((actual as Record<string, unknown>)[key], value, key);
    if (diff) fail(`${diff}\n  actual: ${show(actual)}`, note);
  }
}

export function match(actual: unknown, pattern: RegExp, note?: string): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) fail(`expected a string matching ${pattern}, got ${show(actual)}`, note);
}

export function oneOf<T>(actual: unknown, allowed: readonly T[], note?: string): asserts actual is T {
  if (!allowed.some((value) => Object.is(value, actual))) fail(`expected one of ${show(allowed)}, got ${show(actual)}`, note);
}

export function type(
  actual: unknown,
  expected: 'string' | 'number' | 'function' | 'object' | 'undefined' | 'boolean',
  note?: string
): void {
  if (typeof actual !== expected || (expected === 'object' && actual === null)) fail(`expected a ${expected}, got ${show(actual)}`, note);
}

/** Runs `fn` and fails if it throws: the API promises never to throw at its callers. */
export function doesNotThrow<T>(fn: () => T, note?: string): T {
  try {
    return fn();
  } catch (error) {
    fail(`expected no throw, but it threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`, note);
  }
}
