/**
 * What both entry points (Node's index.ts, the browser's browser.ts) export besides their
 * engine-bound `createSocketApi` and default instance: the public types and ErrCode.
 */
export type { SocketApi, TaroSocketApi, TaroSocketTask, TtSocketApi, CreateSocketApi, LayeredConnectOptions } from './api/create-api.js';
export type { MySocketApi, MyConnectSocketOptions, MySendSocketMessageOptions, MyOnSocketMessageResult } from './api/create-api.js';
export type { SocketApiConfig, WebSocketConstructorLike, NativeApiLike } from './api/config.js';
export type { Engine, EngineCapabilities, EngineSink, EngineSocket, DialRequest } from './engines/engine.js';
export type { Profile, ProfileName } from './profiles/index.js';
export { ErrCode, type ErrCodeValue, type SocketError, type ApiName } from './errors.js';
export * from './types.js';
