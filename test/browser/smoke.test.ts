/**
 * The WHATWG engine in headless Chromium, on what the shared contract cases leave to each
 * engine: exact ArrayBuffers in this realm, close codes and reasons as the server saw them,
 * the browser's error mapping, capability warnings, maxPayload, send callbacks, Blob input
 * and a missing constructor.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrCode } from '../../src/errors.js';
import { HANDSHAKE_DETAIL } from '../../src/engines/whatwg.js';
import { launchChromium, openPage } from './support/chromium.js';
import { startSite, type Site } from './support/site.js';
import type { probes } from './page/smoke-page.js';

type Probes = typeof probes;
let site: Site;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  site = await startSite('test/browser/page/smoke-page.ts');
  browser = await launchChromium();
  ({ page } = await openPage(browser, site.pageUrl));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function probe<K extends keyof Probes>(name: K, ...args: Parameters<Probes[K]>): Promise<Awaited<ReturnType<Probes[K]>>> {
  return page.evaluate(
    ([n, a]) => (globalThis as unknown as { __probes: Record<string, (...x: unknown[]) => unknown> }).__probes[n]!(...a),
    [name, args] as const
  ) as Promise<Awaited<ReturnType<Probes[K]>>>;
}

const hexOf = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const names = (seen: Array<[string, unknown]>): string[] => seen.map(([name]) => name);

describe('whatwg engine in Chromium', () => {
  it('binary messages arrive as exact ArrayBuffers of the page realm', async () => {
    const sizes = [1, 125, 126, 65536, 100_000];
    const received = (await probe('binaryIn', sizes)) as Array<Array<{ tag: string; realm: boolean; byteLength: number; hex: string }>>;
    received.forEach((messages, i) => {
      const size = sizes[i]!;
      expect(messages).toHaveLength(1);
      // The server sends bytes 0, 1, 2, ... 255, 0, 1, ... of exactly the size asked.
      const expected = hexOf(Array.from({ length: size }, (_v, j) => j % 256));
      expect(messages[0]).toEqual({ tag: '[object ArrayBuffer]', realm: true, byteLength: size, hex: expected });
    });
  });

  it('binary out is exactly the bytes (views too); close code and reason reach the server exactly', async () => {
    const seen = await probe('binaryEcho', 'echo1');
    expect(names(seen)).toEqual(['open', 'message', 'message', 'close']);
    expect(seen[1]![1]).toMatchObject({ tag: '[object ArrayBuffer]', realm: true, hex: hexOf([0, 1, 2, 253, 254, 255]) });
    expect(seen[2]![1]).toMatchObject({ tag: '[object ArrayBuffer]', realm: true, hex: hexOf([10, 11, 12, 13, 14]) });
    const reason = 'bye \u2713 \u{1F600}';
    expect(seen[3]![1]).toEqual({ code: 4321, reason });
    const server = site.server.log('echo1').connections[0];
    expect(server?.messages).toEqual([
      { type: 'binary', data: hexOf([0, 1, 2, 253, 254, 255]), size: 6 },
      { type: 'binary', data: hexOf([10, 11, 12, 13, 14]), size: 5 }
    ]);
    expect(server?.closed).toEqual({ code: 4321, reason });
  });

  it('browser failures: a stable errMsg and errCode, then close 1006', async () => {
    const { status, protocol, badUtf8 } = await probe('failures');
    const handshake = { errMsg: `connectSocket:fail handshake failed: ${HANDSHAKE_DETAIL}`, errCode: ErrCode.HANDSHAKE_FAILED };
    expect(status).toEqual([
      ['error', handshake],
      ['close', { code: 1006, reason: '' }]
    ]);
    expect(protocol).toEqual([
      ['error', handshake],
      ['close', { code: 1006, reason: '' }]
    ]);
    expect(names(badUtf8)).toEqual(['open', 'error', 'close']);
    expect(badUtf8[1]![1]).toMatchObject({ errCode: ErrCode.PROTOCOL_ERROR });
    expect(badUtf8[1]![1]).toHaveProperty('errMsg', expect.stringMatching(/^connectSocket:fail protocol error: [\x20-\x7e]+$/));
    expect(badUtf8[2]![1]).toEqual({ code: 1006, reason: '' });
  });

  it('header and TCP options warn once per API object; onOpen gives { header: {} } and no profile', async () => {
    const { warnings, open } = await probe('capabilityWarnings');
    expect(warnings).toEqual([
      'the WebSocket engine cannot send request headers: header is ignored',
      'the WebSocket engine cannot set tcpNoDelay or perMessageDeflate: ignored'
    ]);
    expect(open).toEqual({ header: {} });
  });

  it('maxPayload: a larger message is an error MESSAGE_TOO_BIG, then close 1009; one that fits is delivered', async () => {
    const { binary, text, fits } = await probe('tooBig', 'big');
    const tooBig = { errMsg: 'connectSocket:fail message too big: over 100 bytes', errCode: ErrCode.MESSAGE_TOO_BIG };
    for (const seen of [binary, text])
      expect(seen).toEqual([
        ['open', { header: {} }],
        ['error', tooBig],
        ['close', { code: 1009, reason: '' }]
      ]);
    // A page may not send 1009: the server sees a close frame without a code.
    await expect.poll(() => site.server.log('big.bin').connections[0]?.closed, { timeout: 3000 }).toEqual({ code: 1005, reason: '' });
    expect(names(fits)).toEqual(['open', 'message', 'close']);
  });

  it('send callbacks: one success per send, in order, and the server got every byte', async () => {
    const seen = await probe('sendCallbacks', 'cb1');
    const sends = seen.filter(([name]) => name === 'send').map(([, r]) => r);
    expect(sends).toEqual([0, 1, 2, 3].map((i) => ({ i, errMsg: 'sendSocketMessage:ok' })));
    const server = site.server.log('cb1').connections[0];
    expect(server?.messages.map((m) => m.size)).toEqual([10, 1 << 20, 3 << 20, 5]);
  });

  it('send success means the browser took the bytes: held ones fail when the connection drops', async () => {
    const count = 15; // 15 MiB: under the 16 MiB rule, over what the browser and kernel take from a stuck peer
    const seen = await probe('stuckSends', count);
    const sends = seen.filter(([name]) => name === 'send').map(([, r]) => r as { i: number; ok: boolean; errCode?: number });
    expect(sends.map((s) => s.i)).toEqual(Array.from({ length: count }, (_v, i) => i));
    const firstFail = sends.findIndex((s) => !s.ok);
    expect(firstFail).toBeGreaterThanOrEqual(0);
    expect(sends.slice(firstFail).every((s) => !s.ok && s.errCode === ErrCode.UNKNOWN_IF_WRITTEN)).toBe(true); // a browser cannot tell (issue 11, finding 3)
    expect(seen.at(-1)).toEqual(['close', { code: 1006, reason: '' }]);
    expect(names(seen).indexOf('close')).toBe(seen.length - 1);
  });

  it('an implementation that gives Blobs: ArrayBuffers, in order with the text messages', async () => {
    const seen = await probe('blobs');
    const messages = seen.filter(([name]) => name === 'message').map(([, data]) => data);
    expect(messages).toEqual([
      'a',
      { tag: '[object ArrayBuffer]', realm: true, byteLength: 2, hex: '0102' },
      'b',
      { tag: '[object ArrayBuffer]', realm: true, byteLength: 1, hex: '03' },
      'c'
    ]);
  });

  it('no WebSocket constructor: error then close 1006, never a throw', async () => {
    const seen = await probe('noConstructor');
    expect(seen).toEqual([
      [
        'error',
        {
          errMsg: 'connectSocket:fail handshake failed: no WebSocket constructor: pass one as config.WebSocket',
          errCode: ErrCode.HANDSHAKE_FAILED
        }
      ],
      ['close', { code: 1006, reason: '' }]
    ]);
  });

  it('the default instance is the standard profile and works', async () => {
    expect(await probe('defaultInstance')).toEqual({ same: true, profile: 'standard', reply: 'hi' });
  });
});
