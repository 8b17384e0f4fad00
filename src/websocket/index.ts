/**
 * The WHATWG WebSocket facade: createWebSocketClass(api) over any minisocket API object.
 * Imports nothing platform-specific, so every entry (Node, browser, mini-program) can
 * export it.
 */
export { createWebSocketClass, type SocketApiLike, type WebSocketClass } from './websocket.js';
