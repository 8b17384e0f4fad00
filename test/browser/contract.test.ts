/**
 * The shared contract cases (test/contract), run inside headless Chromium on the
 * browser's own WebSocket: one `it` per case, the same source as test/node/contract.test.ts.
 * Cases marked nodeOnly (request headers, timing, DNS/refused errCodes) are listed as
 * skipped. The page comes from the test server itself, so it is same-origin with /__log.
 * One difference of setup, not of contract: `/hang` is served from a second port, because
 * Chromium queues a new handshake behind one in progress to the same host:port.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups } from '../contract/index.js';
import { launchChromium, openPage } from './support/chromium.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { startSite, type Site } from './support/site.js';
import type { CaseResult } from './page/contract-page.js';

let site: Site;
/** Serves /hang on its own port: see routeHang in page/contract-page.ts. */
let hangServer: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  site = await startSite('test/browser/page/contract-page.ts');
  hangServer = await createTestServer({ logOrigins: [new URL(site.pageUrl).origin] });
  browser = await launchChromium();
  ({ page, problems } = await openPage(browser, `${site.pageUrl}?hang=${encodeURIComponent(hangServer.url)}`));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await hangServer?.close();
});

let counter = 0;

for (const group of groups) {
  describe(group.name, () => {
    for (const contractCase of group.cases) {
      const test = contractCase.nodeOnly ? it.skip : it;
      test(
        contractCase.name,
        async () => {
          const id = `b${++counter}`;
          const result = await page.evaluate(
            ([g, n, i]) =>
              (globalThis as unknown as { __contract: { run(g: string, n: string, i: string): Promise<CaseResult> } }).__contract.run(
                g,
                n,
                i
              ),
            [group.name, contractCase.name, id] as const
          );
          if (!result.ok) {
            const extra = [...(result.warnings ?? []).map((w) => `warning: ${w}`), ...problems].join('\n');
            throw new Error(`${result.message ?? 'failed'}${extra ? `\n${extra}` : ''}`);
          }
          expect(result.ok).toBe(true);
        },
        contractCase.timeout + 5000
      );
    }
  });
}
