/**
 * A hostile real implementation: minisocket's device build (taro profile, native engine)
 * in headless Chromium over Taro's own H5 connectSocket (@tarojs/taro-h5 4.2.1: one
 * listener slot per event, no close code sent, made-up close events, Blob messages, send
 * success before the write). Every shared contract case runs; what minisocket cannot
 * restore over it is listed in CANNOT with the reason, and runs as an expected failure.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { groups } from '../contract/index.js';
import type { CaseResult } from './page/taro-h5-page.js';
import { launchChromium, openPage } from './support/chromium.js';
import { startTaroSite, type TaroSite } from './support/taro-h5-site.js';
import { freePort } from '../support/free-port.js';

const NO_CODE_SENT = 'Taro H5 calls ws.close() without the code: the server sees 1005, and onClose says what close() asked for';
const MADE_UP = "Taro H5's onClose says { 1006, 'abnormal closure' } whatever the server sent";
const EARLY = 'Taro H5 calls success right after ws.send: a send lost with the connection was already reported sent';
const NO_HEADERS = 'Taro H5 creates new WebSocket(url, protocols): no request headers';

/** What the run against Taro 4.2.1 showed minisocket cannot restore, each with why. */
const CANNOT: Record<string, string> = {
  'header values that are numbers or booleans are sent as strings': NO_HEADERS,
  'server close frame: close with its code and reason, no error': MADE_UP,
  'TCP drop without a close frame: close 1006, no error': `${MADE_UP} (the reason too)`,
  'the same function registered twice is called once': MADE_UP,
  'our close() while OPEN: success before onClose, onClose and the server agree on code and reason': NO_CODE_SENT,
  'close() without options while OPEN ends with 1000 and an empty reason': NO_CODE_SENT,
  'messages arriving after our close() are not delivered (WHATWG: only while OPEN)': NO_CODE_SENT,
  'the valid close codes are accepted: 1000, 3000 and 4999': NO_CODE_SENT,
  'a 123-byte reason of multi-byte characters goes out exactly': NO_CODE_SENT,
  'a reason without a code closes with 1000 and that reason': NO_CODE_SENT,
  'sends not yet written when the connection drops fail in order, each with one outcome': EARLY,
  'a send queue over 16 MiB: that send fails 10001, then error and close 1006': `${EARLY}, so nothing ever counts as waiting`
};

let site: TaroSite;
let hangServer: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  site = await startTaroSite();
  // The page reads the hang server's /__log cross-origin: allow its origin (issue 11, finding 9).
  hangServer = await createTestServer({ logOrigins: [new URL(site.pageUrl).origin] });
  browser = await launchChromium();
  const refused = `ws://127.0.0.1:${await freePort()}/`;
  ({ page, problems } = await openPage(
    browser,
    `${site.pageUrl}?hang=${encodeURIComponent(hangServer.url)}&refused=${encodeURIComponent(refused)}`
  ));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await hangServer?.close();
});

it("the page runs Taro's own websocket module, unmodified", () => {
  const inputs = Object.keys(site.metafile.inputs);
  expect(inputs.some((input) => input.endsWith('taro-h5/dist/api/network/websocket/socketTask.js'))).toBe(true);
  expect(inputs.some((input) => input.endsWith('taro-h5/dist/api/network/websocket/index.js'))).toBe(true);
});

let counter = 0;
for (const group of groups) {
  describe(group.name, () => {
    for (const contractCase of group.cases) {
      const reason = CANNOT[contractCase.name];
      (reason === undefined ? it : it.fails)(
        reason === undefined ? contractCase.name : `${contractCase.name} [cannot: ${reason}]`,
        async () => {
          const result = await page.evaluate(
            ([g, n, i]) =>
              (globalThis as unknown as { __taro: { run(g: string, n: string, i: string): Promise<CaseResult> } }).__taro.run(g, n, i),
            [group.name, contractCase.name, `t${++counter}`] as const
          );
          if (!result.ok) throw new Error(`${result.message ?? 'failed'}\n${[...(result.warnings ?? []), ...problems].join('\n')}`);
        },
        contractCase.timeout + 5000
      );
    }
  });
}

it('the engine reported once per API object what Taro H5 cannot do', async () => {
  const reports = await page.evaluate(() => (globalThis as unknown as { __taro: { reports: string[] } }).__taro.reports);
  expect(reports.length).toBeGreaterThan(0);
  for (const report of reports) expect(report).toMatch(/^the native engine on taro-h5 cannot: .*send a close code or reason/);
});
