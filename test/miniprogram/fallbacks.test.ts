/**
 * What the device build uses where a mini-program runtime has no `URL`, `atob` or `btoa`
 * (src/url.ts, src/profiles/base64.ts): run in a bare JS context, checked against Node's
 * own URL and Buffer.
 */
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

type Fallbacks = {
  parseUrl(text: string): {
    href: string;
    host: string;
    hostname: string;
    port: string;
    protocol: string;
    searchParams: { append(n: string, v: string): void };
  };
  encodeBase64(buffer: ArrayBuffer): string;
  decodeBase64(text: string): ArrayBuffer | undefined;
};
let bare: Fallbacks;

beforeAll(async () => {
  const entry = "export { parseUrl } from './src/url.ts'; export { encodeBase64, decodeBase64 } from './src/profiles/base64.ts';";
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'cjs',
    write: false,
    platform: 'neutral'
  });
  const module = { exports: {} };
  runInNewContext(result.outputFiles[0]!.text, { module, exports: module.exports, encodeURIComponent });
  bare = module.exports as Fallbacks;
});

describe('without URL: the small ws/wss parser', () => {
  const urls = [
    'ws://127.0.0.1:8080',
    'WSS://API.Example.com:443/a/b?x=1',
    'ws://h:80/',
    'wss://h:0443/p',
    'ws://u:p@h/q?',
    'ws://[::1]:9/x',
    'wss://a.b.c'
  ];
  for (const text of urls) {
    it(text, () => {
      const mine = bare.parseUrl(text);
      const real = new URL(text);
      expect({ href: mine.href, host: mine.host, hostname: mine.hostname, port: mine.port, protocol: mine.protocol }).toEqual({
        href: real.href.replace(/\/\/[^@/]*@/, '//'),
        host: real.host,
        hostname: real.hostname,
        port: real.port,
        protocol: real.protocol
      });
    });
  }
  it('appends query parameters as URLSearchParams does, and refuses what is no URL', () => {
    const mine = bare.parseUrl('ws://h/p?id=1');
    const real = new URL('ws://h/p?id=1');
    for (const [name, value] of [
      ['a b', "c&d=e!'()~*"],
      ['ü', '{"k":[1]}']
    ] as const) {
      mine.searchParams.append(name, value);
      real.searchParams.append(name, value);
    }
    expect(mine.href).toBe(real.href);
    for (const bad of ['no scheme', 'ws://h:99999/', 'ws//h']) expect(() => bare.parseUrl(bad)).toThrow(/Invalid URL/);
  });
});

describe('without atob and btoa: base64', () => {
  it("encodes and decodes every length from 0 to 99 bytes as Node's Buffer does, padding optional", () => {
    for (let n = 0; n < 100; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      const text = bare.encodeBase64(bytes.buffer);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(bare.decodeBase64(text)!)).toEqual(Buffer.from(bytes));
      expect(Buffer.from(bare.decodeBase64(text.replace(/=+$/, ''))!)).toEqual(Buffer.from(bytes));
    }
    expect(bare.decodeBase64('a')).toBeUndefined();
    expect(bare.decodeBase64('ab$c')).toBeUndefined();
  });
});
