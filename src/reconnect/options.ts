/**
 * connectSocket's `reconnect` and `heartbeat` options, read once and checked, with the
 * defaults filled in. A mistake is reported like any other bad option of connectSocket
 * (fail, complete, onError: the task is dead), never thrown and never ignored: an
 * unknown key is refused so that a typo does not silently leave a default in place.
 */
import * as Code from '../codes.js';
import { describe } from '../errors.js';
import { readProperty } from '../task/callbacks.js';
import { invalid, isInvalid, type Invalid } from '../task/validate.js';
import type { HeartbeatSettings, ReconnectSettings } from '../types.js';
import { checkLifecycle, type LifecycleSetting } from './lifecycle.js';
import type { BeforeRedial, ShouldReconnect } from './redial-options.js';

export interface ReconnectPolicy {
  minDelay: number;
  maxDelay: number;
  factor: number;
  maxAttempts: number;
  stableAfter: number;
  finalCodes: ReadonlySet<number>;
  retryStatus: ReadonlySet<number>;
  // ---- issue 14: the application's hooks (redial-options.ts) and app/network awareness (lifecycle.ts)
  beforeRedial: BeforeRedial | undefined;
  shouldReconnect: ShouldReconnect | undefined;
  lifecycle: LifecycleSetting;
}

export interface HeartbeatPolicy {
  interval: number;
  timeout: number;
  message: string | ArrayBuffer | undefined;
  pong: ((data: string | ArrayBuffer) => boolean) | undefined;
}

export interface LayerSettings {
  /** undefined: the layer does not reconnect (heartbeat only). */
  reconnect: ReconnectPolicy | undefined;
  heartbeat: HeartbeatPolicy | undefined;
  maxQueued: number;
  maxQueuedBytes: number;
}

export const RECONNECT_DEFAULTS = {
  minDelay: 500,
  maxDelay: 30_000,
  factor: 2,
  maxAttempts: Infinity,
  stableAfter: 5_000,
  finalCodes: [] as number[],
  retryStatus: [408, 429],
  maxQueued: 1000,
  // 1 MiB. Literal numbers here and below: a bundler keeps a top-level `a * b` (it may call valueOf) even when unused.
  maxQueuedBytes: 1_048_576
};

export const HEARTBEAT_DEFAULTS = { interval: 25_000, timeout: 10_000 };

// Node's timers hold at most 2^31-1 ms; a larger value would fire at once.
const MAX_MS = 2_147_483_647; // 2 ** 31 - 1

/** Whether the options ask for the layer at all (a throwing getter counts as asking: it is then reported). */
export function wantsLayer(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const o = options as { reconnect?: unknown; heartbeat?: unknown };
  try {
    const reconnect = o.reconnect;
    if (reconnect !== undefined && reconnect !== false) return true;
    const heartbeat = o.heartbeat;
    return heartbeat !== undefined && heartbeat !== false;
  } catch {
    return true;
  }
}

class Checker {
  error: Invalid | undefined;
  constructor(
    private readonly source: Record<string, unknown>,
    private readonly prefix: string
  ) {}

  refuse(key: string, rule: string, value: unknown): undefined {
    return this.fail(key, rule, value);
  }

  private fail(key: string, rule: string, value: unknown): undefined {
    this.error ??= invalid(Code.INVALID_OPTIONS, `${this.prefix}.${key} must be ${rule}, got ${show(value)}`);
    return undefined;
  }

  read(key: string): unknown {
    const { value, thrown } = readProperty(this.source, key);
    if (thrown !== undefined) this.error ??= invalid(Code.INVALID_OPTIONS, `reading ${this.prefix}.${key}: ${describe(thrown)}`, thrown);
    return value;
  }

  number(key: string, fallback: number, min: number, max: number, rule: string, integer = false): number {
    const value = this.read(key);
    if (value === undefined) return fallback;
    const ok =
      typeof value === 'number' &&
      !Number.isNaN(value) &&
      value >= min &&
      value <= max &&
      (!integer || Number.isInteger(value) || value === Infinity);
    return ok ? value : (this.fail(key, rule, value) ?? fallback);
  }

  codes(key: string, fallback: number[], min: number, max: number): Set<number> {
    const value = this.read(key);
    if (value === undefined) return new Set(fallback);
    if (!Array.isArray(value) || value.some((c) => !Number.isInteger(c) || c < min || c > max)) {
      this.fail(key, `an array of integers from ${min} to ${max}`, value);
      return new Set();
    }
    return new Set(value as number[]);
  }

  /** Refuses keys this layer does not know: a misspelt setting must not pass unnoticed. */
  only(keys: readonly string[]): void {
    let own: string[];
    try {
      own = Object.keys(this.source);
    } catch (cause) {
      this.error ??= invalid(Code.INVALID_OPTIONS, `reading ${this.prefix}: ${describe(cause)}`, cause);
      return;
    }
    const unknown = own.find((key) => !keys.includes(key));
    if (unknown !== undefined) this.error ??= invalid(Code.INVALID_OPTIONS, `${this.prefix}.${unknown} is not a setting`);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array with a bad entry';
  return describe(value);
}

/** `true`, `false`, undefined or a settings object; anything else is refused. */
function settingsObject(value: unknown, name: string): { settings: Record<string, unknown> | false } | Invalid {
  if (value === undefined || value === false) return { settings: false };
  if (value === true) return { settings: {} };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { settings: value as Record<string, unknown> };
  return invalid(Code.INVALID_OPTIONS, `${name} must be true, false or a settings object, got ${show(value)}`);
}

const RECONNECT_KEYS = [
  'minDelay',
  'maxDelay',
  'factor',
  'maxAttempts',
  'stableAfter',
  'finalCodes',
  'retryStatus',
  'maxQueued',
  'maxQueuedBytes',
  'beforeRedial',
  'shouldReconnect',
  'lifecycle'
] as const satisfies readonly (keyof ReconnectSettings)[];
const HEARTBEAT_KEYS = ['interval', 'timeout', 'message', 'pong'] as const satisfies readonly (keyof HeartbeatSettings)[];

/** issue 14: beforeRedial, shouldReconnect (functions) and lifecycle (lifecycle.ts checks it). */
function readHooks(rc: Checker): Pick<ReconnectPolicy, 'beforeRedial' | 'shouldReconnect' | 'lifecycle'> {
  const fn = <T>(key: string): T | undefined => {
    const value = rc.read(key);
    if (value === undefined || typeof value === 'function') return value as T | undefined;
    return rc.refuse(key, 'a function', value);
  };
  const raw = rc.read('lifecycle');
  const lifecycle = checkLifecycle(raw);
  if (typeof lifecycle === 'string') rc.refuse('lifecycle', lifecycle, raw);
  return {
    beforeRedial: fn<BeforeRedial>('beforeRedial'),
    shouldReconnect: fn<ShouldReconnect>('shouldReconnect'),
    lifecycle: typeof lifecycle === 'string' ? false : lifecycle
  };
}

/** Reads `reconnect` and `heartbeat` from connectSocket's options. */
export function readLayerSettings(options: object): LayerSettings | Invalid {
  const r = readProperty(options, 'reconnect');
  const h = readProperty(options, 'heartbeat');
  const thrown = r.thrown ?? h.thrown;
  if (thrown !== undefined) return invalid(Code.INVALID_OPTIONS, `reading reconnect or heartbeat: ${describe(thrown)}`, thrown);
  const r2 = settingsObject(r.value, 'reconnect');
  if (isInvalid(r2)) return r2;
  const h2 = settingsObject(h.value, 'heartbeat');
  if (isInvalid(h2)) return h2;
  const reconnect = r2.settings;
  const heartbeat = h2.settings;

  const settings: LayerSettings = {
    reconnect: undefined,
    heartbeat: undefined,
    maxQueued: RECONNECT_DEFAULTS.maxQueued,
    maxQueuedBytes: RECONNECT_DEFAULTS.maxQueuedBytes
  };
  const rc = new Checker(reconnect || {}, 'reconnect');
  rc.only(RECONNECT_KEYS);
  settings.maxQueued = rc.number('maxQueued', RECONNECT_DEFAULTS.maxQueued, 0, Infinity, 'an integer >= 0', true);
  settings.maxQueuedBytes = rc.number('maxQueuedBytes', RECONNECT_DEFAULTS.maxQueuedBytes, 0, Infinity, 'a number >= 0');
  if (reconnect) {
    const minDelay = rc.number('minDelay', RECONNECT_DEFAULTS.minDelay, 0, MAX_MS, `a number of ms from 0 to ${MAX_MS}`);
    const maxDelay = rc.number(
      'maxDelay',
      Math.max(minDelay, RECONNECT_DEFAULTS.maxDelay),
      minDelay,
      MAX_MS,
      `a number of ms from minDelay (${minDelay}) to ${MAX_MS}`
    );
    settings.reconnect = {
      minDelay,
      maxDelay,
      factor: rc.number('factor', RECONNECT_DEFAULTS.factor, 1, 1000, 'a number from 1 to 1000'),
      maxAttempts: rc.number('maxAttempts', RECONNECT_DEFAULTS.maxAttempts, 0, Infinity, 'an integer >= 0 or Infinity', true),
      stableAfter: rc.number('stableAfter', RECONNECT_DEFAULTS.stableAfter, 0, MAX_MS, `a number of ms from 0 to ${MAX_MS}`),
      finalCodes: rc.codes('finalCodes', RECONNECT_DEFAULTS.finalCodes, 1000, 4999),
      retryStatus: rc.codes('retryStatus', RECONNECT_DEFAULTS.retryStatus, 400, 499),
      ...readHooks(rc)
    };
  }
  if (rc.error) return rc.error;

  if (heartbeat) {
    const hc = new Checker(heartbeat, 'heartbeat');
    hc.only(HEARTBEAT_KEYS);
    const interval = hc.number('interval', HEARTBEAT_DEFAULTS.interval, 1, MAX_MS, `a number of ms from 1 to ${MAX_MS}`);
    const timeout = hc.number('timeout', HEARTBEAT_DEFAULTS.timeout, 1, MAX_MS, `a number of ms from 1 to ${MAX_MS}`);
    const message = hc.read('message');
    const pong = hc.read('pong');
    if (hc.error) return hc.error;
    if (message !== undefined && typeof message !== 'string' && !(message instanceof ArrayBuffer)) {
      return invalid(Code.INVALID_OPTIONS, `heartbeat.message must be a string or an ArrayBuffer, got ${show(message)}`);
    }
    if (pong !== undefined && typeof pong !== 'string' && typeof pong !== 'function') {
      return invalid(Code.INVALID_OPTIONS, `heartbeat.pong must be a string or a function, got ${show(pong)}`);
    }
    if (pong !== undefined && message === undefined) {
      return invalid(Code.INVALID_OPTIONS, 'heartbeat.pong needs heartbeat.message: with ping frames the pong frame is the answer');
    }
    settings.heartbeat = {
      interval,
      timeout,
      message,
      pong: typeof pong === 'string' ? (data) => data === pong : (pong as HeartbeatPolicy['pong'])
    };
  }
  return settings;
}
