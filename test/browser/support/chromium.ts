/**
 * Debian's Chromium (/usr/bin/chromium, from apt; no Playwright browser download) driven by
 * playwright-core. `chromium.launch` gives every browser a fresh temporary user-data-dir
 * and deletes it on close, so no state leaks between test files.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MINISOCKET_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}

/** Waits until the page's script has set body[data-ready=true] (every test page does once it is set up). */
export async function whenReady(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 10_000 });
}

/** A ready page whose uncaught errors are collected, for a test to show on failure. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(url);
  await whenReady(page);
  return { page, problems };
}
