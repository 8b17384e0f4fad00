/**
 * minisocket for browsers (and Deno, Bun, React Native, workers): the mini-program
 * WebSocket API over the platform's own WHATWG `WebSocket`. The package's `browser`
 * condition points here; nothing below imports `ws`, a `node:` module or `Buffer`.
 *
 * The exports are the Node entry's: `createSocketApi({ profile, ...config })` and one
 * default API object with the `standard` profile.
 */
import { createApi } from './api/create-api.js';
import type { CreateSocketApi } from './api-types.js';
import type { SocketApiConfig } from './api/config.js';
import { whatwgEngine, type WhatwgConstructor } from './engines/whatwg.js';
import { profiles } from './profiles/index.js';
import { reconnectLayer } from './reconnect/index.js';

/** config.WebSocket, else the global one, looked up at each connect (so importing never fails where none exists yet). */
const resolveEngine = (config: SocketApiConfig) =>
  whatwgEngine(() => config.WebSocket ?? (globalThis as { WebSocket?: WhatwgConstructor }).WebSocket);

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
