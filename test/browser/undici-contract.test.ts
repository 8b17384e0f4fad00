/**
 * The WHATWG engine outside a browser: the shared contract cases on Node with undici's
 * WebSocket passed as config.WebSocket (the Node entry then uses the whatwg engine, as it
 * would with Deno's or Bun's). It runs with env 'browser', the capabilities that engine
 * has, so the nodeOnly cases are skipped as in Chromium.
 */
import { WebSocket as UndiciWebSocket } from 'undici';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createSocketApi, type SocketApiConfig, type WebSocketConstructorLike } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { cleanup, groups, makeCtx } from '../contract/index.js';

let server: TestServer;
/** undici, like Chromium, is given /hang on its own server (see test/browser/page/contract-page.ts). */
let hangServer: TestServer;

beforeAll(async () => {
  server = await createTestServer();
  hangServer = await createTestServer();
});
afterAll(async () => {
  await server?.close();
  await hangServer?.close();
});

const withUndici = (config: SocketApiConfig) =>
  createSocketApi({ WebSocket: UndiciWebSocket as unknown as WebSocketConstructorLike, ...config });

/**
 * Where undici itself differs, recorded as expected failures so that a change in undici
 * shows up here. undici fires `error` before `close 1006` when the TCP connection drops
 * (a browser fires only `close`); the engine cannot tell that apart from a protocol error.
 */
const UNDICI_DIFFERS = new Set(['TCP drop without a close frame: close 1006, no error']);

let counter = 0;

for (const group of groups) {
  describe(group.name, () => {
    for (const contractCase of group.cases) {
      const test = contractCase.nodeOnly ? it.skip : UNDICI_DIFFERS.has(contractCase.name) ? it.fails : it;
      test(
        contractCase.name,
        async () => {
          const id = `u${++counter}`;
          const ctx = makeCtx({ env: 'browser', id, serverUrl: server.url, createSocketApi: withUndici as typeof createSocketApi });
          const { url } = ctx;
          ctx.url = (path, tag) =>
            /^\/?hang(\/|$)/.test(path) ? hangServer.url + url(path, tag).slice(server.url.length) : url(path, tag);
          try {
            await contractCase.run(ctx);
          } finally {
            await cleanup(ctx);
          }
        },
        contractCase.timeout + 2000
      );
    }
  });
}
