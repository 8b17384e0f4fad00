/**
 * minisocket for Node.js: the mini-program WebSocket API over the `ws` package.
 *
 * The top-level functions are one default API object with the `standard` profile;
 * `createSocketApi({ profile, ...config })` makes others.
 */
import { createApi } from './api/create-api.js';
import type { CreateSocketApi } from './api-types.js';
import type { SocketApiConfig } from './api/config.js';
import { nativeEngineFor } from './api/native.js';
import { whatwgEngine } from './engines/whatwg.js';
import { wsEngine } from './engines/ws.js';
import { profiles, type Profile } from './profiles/index.js';
import { reconnectLayer } from './reconnect/index.js';

/** `ws`, unless config passes a WHATWG WebSocket constructor (undici's, a polyfill's) to use instead. */
const resolveEngine = (config: SocketApiConfig, profile: Profile) =>
  config.native !== undefined ? nativeEngineFor(config, profile) : config.WebSocket ? whatwgEngine(() => config.WebSocket) : wsEngine;

/** Typed per profile (src/api-types.ts): `taro` returns a Promise-returning connectSocket, `tt` has no globals, ... */
export const createSocketApi = ((config: SocketApiConfig = {}) =>
  createApi(config, resolveEngine, reconnectLayer, profiles)) as unknown as CreateSocketApi;

const standard = createSocketApi();

export const {
  connectSocket,
  sendSocketMessage,
  closeSocket,
  onSocketOpen,
  onSocketMessage,
  onSocketError,
  onSocketClose,
  offSocketOpen,
  offSocketMessage,
  offSocketError,
  offSocketClose
} = standard;

export default standard;

export * from './public.js';
