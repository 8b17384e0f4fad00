/**
 * The `expect` step's matchers: the next message must be this text, contain this JSON, or
 * match this regular expression.
 */

export type Matcher =
  | { kind: 'text'; text: unknown }
  | { kind: 'json'; json: unknown }
  | { kind: 'regex'; regex: RegExp }
  /** A binary message with these bytes (the script writes them as hex or base64, as `send` does). */
  | { kind: 'bytes'; encoding: 'hex' | 'base64'; bytes: unknown };

/** What the step expected, as the failure reason names it (from the script, so it is stable). */
export function describeMatcher(matcher: Matcher): string {
  switch (matcher.kind) {
    case 'text':
      return `text ${JSON.stringify(matcher.text)}`;
    case 'json':
      return `json ${JSON.stringify(matcher.json)}`;
    case 'regex':
      return `regex ${String(matcher.regex)}`;
    case 'bytes':
      return `${matcher.encoding} ${JSON.stringify(matcher.bytes)}`;
  }
}

/**
 * A JSON subset: every key of an expected object is in the actual one with a matching value,
 * arrays match element by element with the same length, anything else is equal.
 */
export function jsonSubset(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => jsonSubset(item, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => Object.hasOwn(record, key) && jsonSubset(value, record[key]));
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0);
}

/** Why `data` does not match, or undefined when it does. `expected` is the templated text or JSON. */
export function mismatch(matcher: Matcher, expected: unknown, data: string | ArrayBuffer): string | undefined {
  if (matcher.kind === 'bytes') {
    if (typeof data === 'string') return `got a text message, expected binary ${describeMatcher(matcher)}`;
    return Buffer.from(data).equals(expected as Uint8Array) ? undefined : `the message is not ${describeMatcher(matcher)}`;
  }
  if (typeof data !== 'string') return `got a binary message of ${data.byteLength} bytes, expected ${describeMatcher(matcher)}`;
  switch (matcher.kind) {
    case 'text':
      return data === expected ? undefined : `the message is not ${describeMatcher(matcher)}`;
    case 'regex':
      return matcher.regex.test(data) ? undefined : `the message does not match ${describeMatcher(matcher)}`;
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return `the message is not JSON, expected ${describeMatcher(matcher)}`;
      }
      return jsonSubset(expected, parsed) ? undefined : `the message does not contain ${describeMatcher(matcher)}`;
    }
  }
}
