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
import { createApi } from './api/create-api.js';
import type { CreateSocketApi, SocketApi } from './api-types.js';
import type { TaskLayer } from './api/layer.js';
import { nativeEngineFor } from './api/native.js';
import { platformObject } from './miniprogram/platform.js';
import { profiles, type Profile } from './profiles/index.js';
import { reconnectLayer } from './reconnect/index.js';

const resolveEngine = (config: SocketApiConfig, profile: Profile) =>
  nativeEngineFor(config, profile, () => (config.native !== undefined ? config.native : platformObject(profile.globalName)));

/** Typed per profile: `taro` returns a Promise-returning connectSocket, `tt` has no globals, `my` its own shapes. */
export const createSocketApi = ((config: SocketApiConfig = {}) =>
  createApi(config, resolveEngine, reconnectLayer, profiles)) as unknown as CreateSocketApi;

/**
 * One profile only, so that a bundler leaves the others out (the lean build that
 * `npm run bundle-size` measures): `createSocketApiFor(wxProfile, { native: wx })`. Pass
 * `reconnectLayer` as the third argument for `reconnect` and `heartbeat`. The result has
 * the profile's shape (cast it as `TaroSocketApi`, `MySocketApi` or `TtSocketApi` for those).
 */
export function createSocketApiFor(profile: Profile, config: Omit<SocketApiConfig, 'profile'> = {}, reconnect?: TaskLayer): SocketApi {
  return createApi({ ...config, profile: profile.name }, resolveEngine, reconnect, { [profile.name]: profile });
}

export { reconnectLayer };
export { my as myProfile } from './profiles/my.js';
export { standard as standardProfile } from './profiles/standard.js';
export { swan as swanProfile } from './profiles/swan.js';
export { taro as taroProfile } from './profiles/taro.js';
export { tt as ttProfile } from './profiles/tt.js';
export { uni as uniProfile } from './profiles/uni.js';
export { wx as wxProfile } from './profiles/wx.js';
export type { TaskLayer } from './api/layer.js';
export * from './public.js';
