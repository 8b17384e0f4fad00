/**
 * The per-API-object settings a platform keeps in app.json or its console, not per call.
 */
import type { Engine } from '../engines/engine.js';
import type { NativeApi } from '../engines/native/native-api.js';
import type { ProfileName } from '../profiles/profile.js';
import { parseDomain } from './url-rules.js';

/**
 * Any WHATWG WebSocket constructor (browser, Deno, Bun, React Native, undici), described
 * by a few of its members so that the type needs neither the DOM library nor Node's types.
 */
export interface WebSocketConstructorLike {
  new (url: string, protocols?: string | string[]): WebSocketLike;
}

/** The members of a WHATWG WebSocket that tell one apart from any other object. */
export interface WebSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}

export interface SocketApiConfig {
  /** Which platform's behaviour to follow. Default 'standard'. */
  profile?: ProfileName;
  /** Default handshake timeout in ms for calls that pass none. Default 60000 (WeChat's). */
  timeout?: number;
  /** Most tasks in CONNECTING, OPEN or CLOSING at once; `Infinity` for none. Default: the profile's. */
  maxConnections?: number;
  /** Legacy WeChat (< 1.7.0) and Baidu (< 1.9.4): a new connectSocket closes the existing task first. */
  singleSocket?: boolean;
  /** Allowed hosts, as a platform console keeps them ('api.example.com', '*.example.com', 'wss://h:8443'). */
  domains?: string[];
  /** Accept only wss: URLs (a platform's release build). */
  requireWss?: boolean;
  /** Largest inbound message in bytes; larger ends the connection with 1009. Default 16 MiB. */
  maxPayload?: number;
  /** Verify TLS certificates (Node). Default true. */
  rejectUnauthorized?: boolean;
  /** Extra trusted CA certificates, PEM (Node). */
  ca?: string | string[];
  /** URL prefix rewrites applied after validation: { 'wss://api.example.com': 'ws://127.0.0.1:8080' }. */
  routes?: Record<string, string>;
  /** Where warnings go. Default: console.warn with a "minisocket:" prefix. */
  warn?: (message: string) => void;
  /** A WHATWG WebSocket constructor to use instead of the default engine. */
  WebSocket?: WebSocketConstructorLike;
  /** A custom engine (advanced; see engines/engine.ts). */
  engine?: Engine;
  /**
   * The platform's own API object (`wx`, `tt`, `swan`, `qq`, `ks`, `my`, `uni`, `Taro`, or
   * anything with a mini-program `connectSocket`): minisocket's contract runs over its
   * native tasks (docs/native.md). A bad one fails each connectSocket, it never throws.
   */
  native?: NativeApiLike;
}

/** Anything with a mini-program connectSocket (method syntax: the platforms' own typings fit). */
export type NativeApiLike = Pick<NativeApi, 'connectSocket'> | object;

export const DEFAULT_TIMEOUT = 60_000;
export const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

/** Config mistakes are programming errors in setup code, so createSocketApi throws for them. */
export function checkConfig(config: SocketApiConfig): void {
  const positive = (name: keyof SocketApiConfig): void => {
    const value = config[name];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value <= 0)) {
      throw new TypeError(`minisocket: config.${name} must be a positive number, got ${String(value)}`);
    }
  };
  positive('timeout');
  // Node's timers hold at most 2^31-1 ms; a larger value would fire at once, failing every handshake.
  if (typeof config.timeout === 'number' && config.timeout > 2 ** 31 - 1) {
    throw new TypeError(`minisocket: config.timeout must be at most ${2 ** 31 - 1} ms, got ${String(config.timeout)}`);
  }
  positive('maxConnections');
  positive('maxPayload');
  if (config.domains !== undefined && (!Array.isArray(config.domains) || config.domains.some((d) => typeof d !== 'string'))) {
    throw new TypeError('minisocket: config.domains must be an array of strings');
  }
  for (const entry of config.domains ?? []) {
    if (parseDomain(entry) === undefined)
      throw new TypeError(`minisocket: config.domains has an entry that is not a host: ${JSON.stringify(entry)}`);
  }
  if (config.routes !== undefined && (typeof config.routes !== 'object' || config.routes === null)) {
    throw new TypeError('minisocket: config.routes must be an object of URL prefix to URL');
  }
  for (const [prefix, target] of Object.entries(config.routes ?? {})) {
    if (typeof target !== 'string' || !/^wss?:\/\/[^/?#]/i.test(target)) {
      throw new TypeError(`minisocket: config.routes[${JSON.stringify(prefix)}] must be a ws: or wss: URL, got ${JSON.stringify(target)}`);
    }
  }
  if (config.warn !== undefined && typeof config.warn !== 'function') {
    throw new TypeError('minisocket: config.warn must be a function');
  }
}
