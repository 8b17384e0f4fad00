/**
 * `ws`'s Node build, whatever export conditions the loader uses.
 *
 * `ws` maps the `browser` condition to a stub that throws on use. Jest's jsdom
 * environment resolves CommonJS `require('ws')` with that condition, so the client
 * engine and the test server would get the stub there (`WebSocketServer is not a
 * constructor`). When that happens, the Node entry is loaded by its file path, which no
 * condition can swap. Node's own ESM and CommonJS loaders get the real build directly.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ws from 'ws';

type WsModule = Pick<typeof ws, 'WebSocket' | 'WebSocketServer'>;

function nodeBuild(): WsModule {
  if (typeof ws.WebSocketServer === 'function') return ws;
  // Only CommonJS can get here (Node's ESM loader never uses `browser`), so __filename exists.
  const load = createRequire(__filename);
  return load(join(dirname(load.resolve('ws/package.json')), 'index.js')) as WsModule;
}

const build = nodeBuild();
export const WebSocket = build.WebSocket;
export type WebSocket = ws.WebSocket;
export const WebSocketServer = build.WebSocketServer;
export type WebSocketServer = ws.WebSocketServer;
