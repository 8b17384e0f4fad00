/**
 * The device build (`minisocket/miniprogram`, scripts/build-miniprogram.mjs): its import
 * graph, read from esbuild's metafile, holds no Node built-in, no `ws`, no other engine and
 * no testing or CLI code; its syntax is ES2018; it loads in a bare JS context (no DOM, no
 * Node, no timers, no platform global); and it runs there over a platform object.
 */
import { runInNewContext } from 'node:vm';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeStandIn, createTestServer, type TestServer } from '../../src/testing/index.js';
// @ts-expect-error: a build script in JavaScript, without types
import { bundleMiniprogram, forbiddenInputs } from '../../scripts/build-miniprogram.mjs';

type Bundle = { code: string; metafile: { inputs: Record<string, unknown> } };
let cjs: Bundle;
let esm: Bundle;
let server: TestServer;
beforeAll(async () => {
  cjs = await bundleMiniprogram({ format: 'cjs' });
  esm = await bundleMiniprogram({ format: 'esm' });
  server = await createTestServer();
});
afterAll(() => server.close());

/**
 * The library an ES2018 engine lacks (iOS 14's JavaScriptCore, where WeChat runs a
 * mini-program's logic on older iPhones, has no `Object.hasOwn` or `Array.prototype.at`),
 * removed from a context before the bundle runs in it: the syntax test below cannot see a
 * call to a newer built-in.
 */
const ES2018_ONLY = `
  delete Object.hasOwn; delete Object.fromEntries;
  delete Array.prototype.at; delete Array.prototype.flat; delete Array.prototype.flatMap;
  delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
  delete String.prototype.at; delete String.prototype.replaceAll; delete String.prototype.matchAll;
  delete String.prototype.trimStart; delete String.prototype.trimEnd;
  delete Promise.allSettled; delete Promise.any;
  delete globalThis.WeakRef; delete globalThis.FinalizationRegistry; delete globalThis.AggregateError;
  delete globalThis.globalThis;
`;

/** Runs the CommonJS bundle in a fresh ES2018-only context holding only `extra` besides the JS built-ins; returns its exports. */
function load(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const context = { module, exports: module.exports, ...extra };
  runInNewContext(ES2018_ONLY, context);
  runInNewContext(cjs.code, context, { filename: 'miniprogram_npm/minisocket/index.js' });
  return module.exports;
}

describe('minisocket/miniprogram', () => {
  it('the import graph has the native engine, the reconnect layer and every profile, and nothing Node-only', () => {
    const inputs = Object.keys(cjs.metafile.inputs);
    expect(forbiddenInputs(cjs.metafile)).toEqual([]);
    expect(inputs.filter((input) => /^node:|node_modules|engines\/(ws|whatwg)|src\/(testing|cli)\//.test(input))).toEqual([]);
    for (const part of ['engines/native/index.ts', 'reconnect/index.ts', 'api/create-api.ts']) expect(inputs).toContain(`src/${part}`);
    for (const profile of ['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my']) expect(inputs).toContain(`src/profiles/${profile}.ts`);
    expect(Object.keys(esm.metafile.inputs).sort()).toEqual(inputs.sort());
  });

  it('is ES2018: lowering it to ES2018 changes nothing', async () => {
    for (const { code } of [cjs, esm]) {
      // Unminified: a minifier may itself pick newer syntax (catch without a binding).
      const asIs = await transform(code, { target: 'esnext' });
      const lowered = await transform(code, { target: 'es2018' });
      expect(lowered.code).toBe(asIs.code);
    }
    expect(esm.code).not.toMatch(/^\s*import\s/m); // one self-contained module
  });

  it('the ES2018-only context really lacks the newer built-ins', () => {
    const context: Record<string, unknown> = {};
    runInNewContext(ES2018_ONLY, context);
    expect(runInNewContext('[typeof Object.hasOwn, typeof globalThis, typeof [].at]', context)).toEqual([
      'undefined',
      'undefined',
      'undefined'
    ]);
  });

  it('loads in a bare context: no DOM, Node, timer or platform global is touched at load', () => {
    const exports = load();
    expect(typeof exports.createSocketApi).toBe('function');
    expect((exports.ErrCode as Record<string, number>).SYSTEM_ERROR).toBe(602001);
    expect(exports.default).toBeUndefined(); // no default instance on the device
  });

  it("runs over a platform object, given as native or found as the profile's global (wx), with no URL, atob or btoa", async () => {
    const timers = { setTimeout, clearTimeout, queueMicrotask, console };
    const native = createNativeStandIn({ profile: 'wx' });
    for (const [extra, config] of [
      [{}, { profile: 'wx', native }],
      [{ wx: native }, { profile: 'wx' }]
    ] as const) {
      const { createSocketApi } = load({ ...timers, ...extra }) as {
        createSocketApi: (config: object) => Record<string, (options: object) => unknown>;
      };
      const api = createSocketApi({ ...config, warn: () => undefined });
      const task = api.connectSocket!({ url: server.urlFor('/echo'), reconnect: true }) as Record<string, (arg?: unknown) => void>;
      const echo = await new Promise<unknown>((resolve) => {
        task.onOpen!(() => task.send!({ data: 'from the device' }));
        task.onMessage!((r: unknown) => resolve((r as { data: unknown }).data));
      });
      expect(echo).toBe('from the device');
      await new Promise<void>((resolve) => {
        task.onClose!(() => resolve());
        task.close!();
      });
    }
  });

  it('runs the WebSocket facade over a platform object, with no URL, EventTarget or globalThis', async () => {
    const timers = { setTimeout, clearTimeout, queueMicrotask, console };
    const { createSocketApi, createWebSocketClass } = load(timers) as {
      createSocketApi: (config: object) => object;
      createWebSocketClass: (api: object) => new (url: string) => Record<string, unknown> & { send(data: string): void; close(): void };
    };
    const WebSocket = createWebSocketClass(
      createSocketApi({ profile: 'wx', native: createNativeStandIn({ profile: 'wx' }), warn: () => undefined })
    );
    const socket = new WebSocket(server.urlFor('/echo'));
    const echo = await new Promise<unknown>((resolve, reject) => {
      socket.onopen = () => socket.send('facade on the device');
      socket.onmessage = (event: { data: unknown }) => resolve(event.data);
      socket.onerror = () => reject(new Error('the facade reported an error'));
    });
    expect(echo).toBe('facade on the device');
    const closed = await new Promise<{ code: number }>((resolve) => {
      socket.onclose = resolve;
      socket.close();
    });
    expect(closed.code).toBe(1000); // docs/websocket.md: close() without a code sends 1000
  });
});

it('the my profile in global mode on the device: base64 without atob/btoa, URL data without URL', async () => {
  const { createSocketApi } = load({ setTimeout, clearTimeout, queueMicrotask, console }) as {
    createSocketApi: (config: object) => Record<string, (options?: unknown) => unknown>;
  };
  const api = createSocketApi({ profile: 'my', native: createNativeStandIn({ profile: 'my' }), warn: () => undefined });
  const got: unknown[] = [];
  api.onSocketOpen!(() => api.sendSocketMessage!({ data: 'AQID/w==', isBuffer: true }));
  api.onSocketMessage!((r: unknown) => got.push(r));
  api.connectSocket!({ url: server.urlFor('/echo?id=device-my'), data: { a: 'b c', n: 1 } });
  const end = Date.now() + 3000;
  while (got.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(got).toEqual([{ data: 'AQID/w==', isBuffer: true }]);
  expect(server.log('device-my').handshakes[0]?.url).toMatch(/\?id=device-my&a=b\+c&n=1$/);
  api.closeSocket!({});
});
