/**
 * The lifecycle source of the browser build in headless Chromium (issue 14): with the
 * defaults, a reconnecting task follows the page's own `visibilitychange` and the
 * browser's real `online`/`offline` events (Playwright's offline emulation fires them):
 * no attempts while offline, `online` trusted after a second, then a redial at once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, whenReady } from './support/chromium.js';
import { startSite, type Site } from './support/site.js';

let site: Site;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  site = await startSite('test/browser/page/lifecycle-page.ts');
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(site.pageUrl);
  await whenReady(page);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

type Seen = Array<[string, unknown]>;
const seen = (): Promise<Seen> => page.evaluate(() => (globalThis as unknown as { __life: { seen(): Seen } }).__life.seen());
const reasons = (events: Seen): string[] => events.filter(([n]) => n === 'reconnecting').map(([, e]) => (e as { reason: string }).reason);

async function until(check: (events: Seen) => boolean, what: string): Promise<Seen> {
  const end = Date.now() + 10_000;
  for (;;) {
    const events = await seen();
    if (check(events)) return events;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('hide and show from visibilitychange; offline stops attempts; online redials at once with the backoff reset', {
  timeout: 60_000
}, async () => {
  await until((e) => e.some(([n]) => n === 'open'), 'open');
  await page.evaluate(() => (globalThis as unknown as { __life: { setVisibility(s: string): void } }).__life.setVisibility('hidden'));
  await page.evaluate(() => (globalThis as unknown as { __life: { setVisibility(s: string): void } }).__life.setVisibility('visible'));
  let events = await until((e) => reasons(e).length === 2, 'hide and show');
  expect(reasons(events)).toEqual(['hide', 'show']);

  // The server goes away: the link drops and attempts are refused.
  await site.server.stop();
  await until((e) => e.some(([n]) => n === 'error'), 'a refused attempt');
  await context.setOffline(true);
  events = await until((e) => reasons(e).includes('offline'), 'offline');
  const errorsWhenOffline = events.filter(([n]) => n === 'error').length;
  await site.server.restart();
  const handshakes = site.server.log('life').handshakes.length;
  await new Promise((resolve) => setTimeout(resolve, 600)); // three maxDelays: attempts would have run
  events = await seen();
  expect(events.filter(([n]) => n === 'error').length).toBe(errorsWhenOffline);
  expect(site.server.log('life').handshakes.length).toBe(handshakes);

  await context.setOffline(false);
  events = await until((e) => e.filter(([n]) => n === 'open').length === 2, 'back online and open');
  const last = events.filter(([n]) => n === 'reconnecting').at(-1)![1];
  expect(last).toEqual({ attempt: 1, delay: 0, reason: 'online' });
  expect(reasons(events).filter((r) => r === 'offline')).toHaveLength(1);
  await page.evaluate(() => (globalThis as unknown as { __life: { close(): void } }).__life.close());
  await until((e) => e.at(-1)?.[0] === 'close' && e.filter(([n]) => n === 'close').length === 2, 'closed');
});
