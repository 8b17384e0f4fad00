/**
 * What both entry points (Node's index.ts, the browser's browser.ts) export besides their
 * engine-bound `createSocketApi` and default instance: the public types and ErrCode.
 */
export type {
  CreateSocketApi,
  GlobalFunctions,
  LayeredConnectOptions,
  SocketApi,
  SocketApiByProfile,
  SocketApiFor,
  TaroReconnectingSocketTask,
  TaroSocketApi,
  TaroSocketTask,
  TtSocketApi,
  UniSocketApi,
  UniSocketError
} from './api-types.js';
export type {
  MyCloseSocketOptions,
  MyCloseSocketSuccess,
  MyConnectSocketOptions,
  MyOnSocketMessageResult,
  MySendSocketMessageOptions,
  MySendSocketMessageSuccess,
  MySocketApi,
  MySocketError
} from './api-types.js';
export type { NativeApiLike, SocketApiConfig, WebSocketConstructorLike, WebSocketLike } from './api/config.js';
export type { Engine, EngineCapabilities, EngineSink, EngineSocket, DialRequest } from './engines/engine.js';
export type { Profile, ProfileName } from './profiles/index.js';
export { ErrCode, type ErrCodeValue, type SocketError, type ApiName } from './errors.js';
export * from './types.js';
export { createWebSocketClass, type SocketApiLike, type WebSocketClass } from './websocket/index.js';
