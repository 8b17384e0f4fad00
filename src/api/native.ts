/**
 * config.native: the platform's own API object (`wx`, `tt`, `my`, `Taro`, ...) that the
 * native engine drives (src/engines/native/). The Node entry uses this when a config
 * passes `native`; the device entry (miniprogram.ts) always does, defaulting to the
 * profile's global.
 */
import type { Engine } from '../engines/engine.js';
import { nativeEngine } from '../engines/native/index.js';
import type { Profile } from '../profiles/profile.js';
import type { SocketApiConfig } from './config.js';

/** The native engine for a config: the runtime's own limit is the profile's (WeChat's 5, Taro's 5); config.maxConnections stays minisocket's. */
export function nativeEngineFor(config: SocketApiConfig, profile: Profile, resolve: () => unknown = () => config.native): Engine {
  const warn = config.warn ?? ((message: string) => console.warn(`minisocket: ${message}`));
  return nativeEngine(resolve, { profile: profile.name, maxConnections: profile.maxConnections, warn });
}
