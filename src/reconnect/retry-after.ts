/**
 * `Retry-After` on a refused handshake (RFC 9110 section 10.2.3): a server that answers
 * 429 (Too Many Requests, RFC 6585) or 503 (Service Unavailable) may say how long to wait,
 * as a number of seconds or as an HTTP date. The layer waits at least that long before the
 * next attempt, and never longer than `maxDelay`: a server that asks for an hour does not
 * hold a phone's socket off for an hour.
 */

/** The statuses whose Retry-After the layer honours (RFC 9110 also names 3xx, which a handshake does not follow). */
export const RETRY_AFTER_STATUS: ReadonlySet<number> = new Set([429, 503]);

/**
 * The wait a Retry-After value asks for, in ms (0 for a date in the past), or undefined
 * when the value is neither a number of seconds nor an HTTP date.
 */
export function parseRetryAfter(value: string, now = Date.now()): number | undefined {
  const text = value.trim();
  // delay-seconds = 1*DIGIT
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP-date: IMF-fixdate, or the obsolete RFC 850 and asctime forms; Date.parse reads all three.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The delay before the next attempt: at least the backoff and what the server asked, at most maxDelay. */
export function delayAfterRetryAfter(backoff: number, asked: number, maxDelay: number): number {
  return Math.min(maxDelay, Math.max(backoff, asked));
}
