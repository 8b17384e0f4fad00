/**
 * Reconnect delays: exponential backoff with full jitter between a floor and a ceiling.
 *
 * Full jitter (a uniformly random delay up to the exponential bound, rather than the bound
 * itself) spreads out the clients that lost their links at the same moment, so a server
 * that restarts is not hit by all of them again at the same moment. See the AWS
 * Architecture Blog, "Exponential Backoff And Jitter" (2015).
 */
import type { ReconnectPolicy } from './options.js';

/**
 * The delay before reconnect attempt `attempt` (1, 2, ...):
 * a uniform random number in [minDelay, min(maxDelay, minDelay * factor^attempt)].
 * `random` is injectable for tests of the formula; it returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<ReconnectPolicy, 'minDelay' | 'maxDelay' | 'factor'>,
  random: () => number = Math.random
): number {
  const { minDelay, maxDelay, factor } = policy;
  // A floor of 0 still needs a bound that grows: start it from 1 ms.
  const base = Math.max(minDelay, 1);
  const bound = Math.min(maxDelay, base * factor ** attempt);
  const high = Math.max(bound, minDelay);
  return Math.round(minDelay + random() * (high - minDelay));
}
