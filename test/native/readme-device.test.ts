/**
 * The README's "On the device" example runs as written: the device build (CommonJS, as
 * WeChat's build npm loads it) in a bare JS context, `wx` a WeChat stand-in whose routes
 * send the example's production URL to the local test server.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNativeStandIn, createTestServer, type TestServer } from '../../src/testing/index.js';
// @ts-expect-error: a build script in JavaScript, without types
import { bundleMiniprogram } from '../../scripts/build-miniprogram.mjs';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## On the device'));
const example = /```js\n([\s\S]*?native: wx[\s\S]*?)```/.exec(section)?.[1];

it('the README example on a WeChat stand-in: sent, echoed, closed with 1000, and one report of what WeChat cannot do', async () => {
  expect(example).toBeDefined();
  const { code } = (await bundleMiniprogram({ format: 'cjs' })) as { code: string };
  const device = { exports: {} as Record<string, unknown> };
  const warnings: string[] = [];
  const context: Record<string, unknown> = {
    wx: createNativeStandIn({ profile: 'wx', routes: { 'wss://api.example.com': server.url } }),
    require: (name: string) => {
      if (name !== 'minisocket') throw new Error(`the example requires ${name}`);
      return device.exports;
    },
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console: { ...console, warn: (message: string) => warnings.push(message) },
    module: device,
    exports: device.exports
  };
  // One JS context, as on the phone: the package's code, then the page's.
  runInNewContext(`(function (module, exports) {\n${code}\n})(module, exports);\n${example}\nthis.log = log;`, context);
  const log = context.log as string[];
  const end = Date.now() + 4000;
  while (!log.includes('closed 1000') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(log).toEqual(['sent', 'got hello', 'closed 1000']);
  expect(warnings).toEqual([expect.stringMatching(/^minisocket: the native engine on wx cannot: /)]);
  expect(server.log().handshakes.some((handshake) => handshake.path === '/chat')).toBe(true);
});
