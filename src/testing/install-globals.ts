/**
 * installGlobals(): puts a profile's API on globalThis under the platform's own name
 * (`wx`, `tt`, `swan`, `uni`, `Taro`), so mini-program code runs unchanged in Node tests.
 * `routes` sends the production URLs that code holds to a local test server.
 */
import type { SocketApiConfig } from '../api/config.js';
import type { SocketApiByProfile } from '../api-types.js';
import { createSocketApi } from '../index.js';
import { profiles } from '../profiles/index.js';
import type { ProfileName } from '../profiles/profile.js';

export interface InstallGlobalsOptions<P extends ProfileName = ProfileName> {
  /** Which platform: decides the global's name and the API's behaviour (and the type of `api`). */
  profile: P;
  /** URL prefix to local URL: `{ 'wss://api.example.com': 'ws://127.0.0.1:PORT' }`; path and query are kept. */
  routes?: Record<string, string>;
  /** Any other config of createSocketApi (domains, requireWss, maxConnections, warn, ...). */
  config?: Omit<SocketApiConfig, 'profile' | 'routes'>;
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

export function installGlobals<P extends ProfileName>(options: InstallGlobalsOptions<P>): UninstallGlobals<P> {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('minisocket: installGlobals needs { profile, routes?, config? }');
  const { profile, routes, config } = options;
  const chosen = Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
  if (chosen === undefined) throw new TypeError(`minisocket: unknown profile ${JSON.stringify(profile)}`);
  // Routes given here win over any in `config`, which the type already leaves out.
  const merged: SocketApiConfig = { ...config, profile };
  if (routes !== undefined) merged.routes = routes;
  const api = createSocketApi(merged) as SocketApiByProfile[P];

  const name = chosen.globalName;
  const scope = globalThis as Record<string, unknown>;
  const previous = Object.getOwnPropertyDescriptor(scope, name);
  Object.defineProperty(scope, name, { value: api, writable: true, configurable: true, enumerable: true });

  let restored = false;
  const uninstall = (): void => {
    if (restored) return;
    restored = true;
    if (previous) Object.defineProperty(scope, name, previous);
    else delete scope[name];
  };
  return Object.assign(uninstall, { api, globalName: name });
}
