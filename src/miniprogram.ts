/**
 * minisocket on the device (`minisocket/miniprogram`): the mini-program WebSocket API with
 * minisocket's contract, over the platform's own connectSocket (the native engine,
 * docs/native.md). It imports no `ws`, no Node built-in, and touches no DOM or platform
 * global at load; it is built to ES2018, as CommonJS (WeChat's "build npm" takes it through
 * the package's `miniprogram` field) and as ESM.
 *
 *   const api = createSocketApi({ profile: 'wx', native: wx });
 *
 * `native` defaults to the profile's own global (`wx`, `tt`, `swan`, `uni`, `Taro`, `my`),
 * read at each connect. There is no default instance: on the device the platform is chosen.
 */
import type { SocketApiConfig } from './api/config.js';
import { createApi, type CreateSocketApi } from './api/create-api.js';
import { nativeEngineFor } from './api/native.js';
import { platformObject } from './miniprogram/platform.js';
import { profiles, type Profile } from './profiles/index.js';
import { reconnectLayer } from './reconnect/index.js';

const resolveEngine = (config: SocketApiConfig, profile: Profile) =>
  nativeEngineFor(config, profile, () => (config.native !== undefined ? config.native : platformObject(profile.globalName)));

/** Typed per profile: `taro` returns a Promise-returning connectSocket, `tt` has no globals, `my` its own shapes. */
export const createSocketApi = ((config: SocketApiConfig = {}) =>
  createApi(config, resolveEngine, reconnectLayer, profiles)) as CreateSocketApi;

export * from './public.js';
