/**
 * The backoff formula and the settings defaults: pure functions, checked with an
 * injected random source (no server needed for arithmetic).
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/reconnect/backoff.js';
import { readLayerSettings, RECONNECT_DEFAULTS } from '../../src/reconnect/options.js';

const policy = { minDelay: 500, maxDelay: 30_000, factor: 2 };

describe('backoffDelay', () => {
  it('is uniform between the floor and min(ceiling, floor * factor^attempt)', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(500 + 0.5 * (4000 - 500));
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(30_000);
    expect(backoffDelay(10_000, policy, () => 0.999999)).toBe(30_000);
  });

  it('a floor of 0 still grows: full jitter from 0', () => {
    const zero = { minDelay: 0, maxDelay: 1000, factor: 2 };
    expect(backoffDelay(1, zero, () => 0)).toBe(0);
    expect(backoffDelay(5, zero, () => 0.999999)).toBe(32);
  });

  it('with Math.random: always within bounds, and spread out (jitter)', () => {
    const samples = Array.from({ length: 500 }, () => backoffDelay(8, policy));
    expect(samples.every((d) => d >= 500 && d <= 30_000)).toBe(true);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });
});

describe('readLayerSettings', () => {
  it('true means the documented defaults; heartbeat alone keeps the queue but does not reconnect', () => {
    const both = readLayerSettings({ reconnect: true, heartbeat: true });
    expect(both).toMatchObject({
      reconnect: { minDelay: 500, maxDelay: 30_000, factor: 2, maxAttempts: Infinity, stableAfter: 5000 },
      heartbeat: { interval: 25_000, timeout: 10_000, message: undefined, pong: undefined },
      maxQueued: 1000,
      maxQueuedBytes: 1024 * 1024
    });
    expect([...(both as unknown as { reconnect: { retryStatus: Set<number> } }).reconnect.retryStatus]).toEqual(
      RECONNECT_DEFAULTS.retryStatus
    );
    expect(readLayerSettings({ heartbeat: { interval: 1000 } })).toMatchObject({ reconnect: undefined, heartbeat: { interval: 1000 } });
  });

  it('a bad value names the setting, the rule and the value', () => {
    expect(readLayerSettings({ reconnect: { maxDelay: 10, minDelay: 20 } })).toMatchObject({
      invalid: true,
      detail: 'reconnect.maxDelay must be a number of ms from minDelay (20) to 2147483647, got 10'
    });
    expect(readLayerSettings({ reconnect: { maxAttempts: 1.5 } })).toMatchObject({
      detail: 'reconnect.maxAttempts must be an integer >= 0 or Infinity, got 1.5'
    });
    expect(readLayerSettings({ heartbeat: { message: 42 } })).toMatchObject({
      detail: 'heartbeat.message must be a string or an ArrayBuffer, got 42'
    });
    const throwing = {
      get reconnect(): never {
        throw new Error('boom');
      }
    };
    expect(readLayerSettings(throwing)).toMatchObject({ detail: 'reading reconnect or heartbeat: boom' });
  });
});
