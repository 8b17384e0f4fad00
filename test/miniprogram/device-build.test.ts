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

/** Runs the CommonJS bundle in a fresh context holding only `extra` besides the JS built-ins; returns its exports. */
function load(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const context = { module, exports: module.exports, ...extra };
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
