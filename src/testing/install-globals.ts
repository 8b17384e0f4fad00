/**
 * installGlobals(): puts a profile's API on globalThis under the platform's own name
 * (`wx`, `tt`, `swan`, `uni`, `Taro`), so mini-program code runs unchanged in Node tests.
 * `routes` sends the production URLs that code holds to a local test server; a URL that
 * no route covers and that is not loopback is refused (network-guard.ts) unless
 * `allowNetwork` is set.
 */
import type { SocketApiConfig } from '../api/config.js';
import type { SocketApiByProfile } from '../api-types.js';
import { wsEngine } from '../engines/ws.js';
import { createSocketApi } from '../index.js';
import { profiles } from '../profiles/index.js';
import type { ProfileName } from '../profiles/profile.js';
import { guardNetwork } from './network-guard.js';

export interface InstallGlobalsOptions<P extends ProfileName = ProfileName> {
  /** Which platform: decides the global's name and the API's behaviour (and the type of `api`). */
  profile: P;
  /** URL prefix to local URL: `{ 'wss://api.example.com': 'ws://127.0.0.1:PORT' }`; path and query are kept. */
  routes?: Record<string, string>;
  /** Any other config of createSocketApi (domains, requireWss, maxConnections, warn, WebSocket, ...). */
  config?: Omit<SocketApiConfig, 'profile' | 'routes'>;
  /**
   * Let URLs that are neither loopback nor covered by `routes` reach the network. Default
   * false: they fail with errCode 610021 and an errMsg naming the URL. (With
   * `config.WebSocket` or `config.engine`, which decide the network themselves, nothing is refused.)
   */
  allowNetwork?: boolean;
  /**
   * Add the API's functions to the object already on the global (miniprogram-simulate's
   * `wx`, your own mocks) instead of replacing it; uninstall puts back what they replaced.
   * Default false.
   */
  merge?: boolean;
}

/** Restores the global as it was (or deletes it if there was none). `api` is what was installed. */
export interface UninstallGlobals<P extends ProfileName = ProfileName> {
  (): void;
  /**
   * The installed API object, typed as `createSocketApi({ profile })` types it. A bare
   * `UninstallGlobals` (any profile) holds any of them: name the profile to call it.
   */
  readonly api: SocketApiByProfile[P];
  /** The global's name: 'wx', 'tt', 'swan', 'uni', 'Taro' (or 'minisocket' for the standard profile). */
  readonly globalName: string;
}

function defaultWarn(message: string): void {
  console.warn(`minisocket: ${message}`);
}

/** Defines `value` as `name` on `target`; returns what puts back the property as it was. */
function replaceProperty(target: object, name: string, value: unknown): () => void {
  const previous = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: true });
  return () => {
    if (previous) Object.defineProperty(target, name, previous);
    else delete (target as Record<string, unknown>)[name];
  };
}

export function installGlobals<P extends ProfileName>(options: InstallGlobalsOptions<P>): UninstallGlobals<P> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('minisocket: installGlobals needs { profile, routes?, config? }');
  const { profile, routes, config } = options;
  const chosen = Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
  if (chosen === undefined) throw new TypeError(`minisocket: unknown profile ${JSON.stringify(profile)}`);
  // Routes given here win over any in `config`, which the type already leaves out.
  const merged: SocketApiConfig = { ...config, profile };
  if (routes !== undefined) merged.routes = routes;
  if (options.allowNetwork !== true && merged.engine === undefined && merged.WebSocket === undefined) {
    const targets =
      typeof routes === 'object' && routes !== null ? Object.values(routes).filter((t): t is string => typeof t === 'string') : [];
    merged.engine = guardNetwork(wsEngine, targets, merged.warn ?? defaultWarn);
  }
  const api = createSocketApi(merged) as SocketApiByProfile[P];

  const name = chosen.globalName;
  const scope = globalThis as Record<string, unknown>;
  const existing = scope[name];
  const restores: Array<() => void> = [];
  if (options.merge === true && typeof existing === 'object' && existing !== null) {
    // Only the functions: `profile` is minisocket's, not the platform's.
    for (const [key, value] of Object.entries(api)) if (typeof value === 'function') restores.push(replaceProperty(existing, key, value));
  } else {
    restores.push(replaceProperty(scope, name, api));
  }

  let restored = false;
  const uninstall = (): void => {
    if (restored) return;
    restored = true;
    for (const restore of restores.reverse()) restore();
  };
  return Object.assign(uninstall, { api, globalName: name });
}
