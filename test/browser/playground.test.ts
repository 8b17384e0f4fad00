/**
 * Clicks through the playground in Chromium, on the production browser bundle (a fresh
 * esbuild build of src/browser.ts, as dist/browser/minisocket.js is made): create, send
 * text and binary, see the echoes in the log, close with a code and reason, see onClose;
 * the server's log confirms what went over the wire. Then the taro profile (a Promise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagePlayground } from '../../playground/site.mjs';
import { bundleBrowser } from '../../scripts/build-browser.mjs';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { launchChromium, openPage } from './support/chromium.js';

let dir: string;
let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minisocket-playground-test-'));
  const bundle = join(dir, 'bundle', 'minisocket.js');
  await bundleBrowser({ outfile: bundle });
  stagePlayground(dir, bundle);
  server = await createTestServer({ static: dir });
  browser = await launchChromium();
  ({ page, problems } = await openPage(browser, `${server.url.replace(/^ws/, 'http')}/`));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits for the `n`th log line of `kind` and returns its text. */
async function logLine(kind: string, n = 1): Promise<string> {
  const line = page.locator(`#log li[data-kind="${kind}"]`).nth(n - 1);
  await line.waitFor({ timeout: 5000 });
  return (await line.textContent()) ?? '';
}

describe('playground', () => {
  it('create, send text and binary, close with a code: the log and the server agree', async () => {
    expect(await page.inputValue('#url')).toBe(`${server.url}/echo`);
    expect(await page.inputValue('#profile')).toBe('tt');
    await page.fill('#url', `${server.url}/echo?id=pg1`);
    await page.click('#connect');
    expect(await logLine('success')).toMatch(/connectSocket success \{ errMsg: "connectSocket:ok", socketTaskId: 1 \}/);
    expect(await logLine('open')).toMatch(/onOpen \{ header: \{ {2}\} \}$/);
    expect(await page.textContent('#state')).toBe('task #1 OPEN');

    await page.fill('#message', 'hello \u6296\u97f3');
    await page.click('#send');
    expect(await logLine('message')).toMatch(/onMessage \{ data: "hello \u6296\u97f3" \}$/);
    expect(await logLine('success', 2)).toMatch(/send success \{ errMsg: "sendSocketMessage:ok" \}$/);

    await page.fill('#message', 'AB');
    await page.check('#binary');
    await page.click('#send');
    expect(await logLine('message', 2)).toMatch(/onMessage \{ data: ArrayBuffer\(2\) \[41 42\] \}$/);

    await page.fill('#code', '4001');
    await page.fill('#reason', 'done here');
    await page.click('#close');
    expect(await logLine('close')).toMatch(/onClose \{ code: 4001, reason: "done here" \}$/);
    expect(await page.textContent('#state')).toBe('no socket');
    const kinds = await page.locator('#log li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.kind));
    expect(kinds.filter((k) => k === 'open' || k === 'message' || k === 'error' || k === 'close')).toEqual([
      'open',
      'message',
      'message',
      'close'
    ]);

    const seen = server.log('pg1').connections[0];
    expect(seen?.messages).toEqual([
      { type: 'text', data: 'hello \u6296\u97f3', size: 12 },
      { type: 'binary', data: '4142', size: 2 }
    ]);
    expect(seen?.closed).toEqual({ code: 4001, reason: 'done here' });
    expect(problems).toEqual([]);
  });

  it('an invalid close code fails in the log and the socket stays open; the taro profile connects through its Promise', async () => {
    await page.click('#clear');
    await page.selectOption('#profile', 'taro');
    await page.fill('#url', `${server.url}/echo?id=pg2`);
    await page.click('#connect');
    expect(await logLine('open')).toMatch(/onOpen/);
    await page.fill('#code', '1001');
    await page.click('#close');
    expect(await logLine('fail')).toMatch(
      /close fail \{ errMsg: "closeSocket:fail invalid code 1001: must be 1000 or between 3000 and 4999", errCode: 610008 \}$/
    );
    expect(await page.textContent('#state')).toMatch(/OPEN$/);
    await page.fill('#code', '1000');
    await page.click('#close');
    expect(await logLine('close')).toMatch(/onClose \{ code: 1000, reason: "done here" \}$/);
    expect(server.log('pg2').connections[0]?.closed).toEqual({ code: 1000, reason: 'done here' });
    expect(problems).toEqual([]);
  });

  it('the my profile connects with multiple: true and echoes', async () => {
    await page.click('#clear');
    await page.selectOption('#profile', 'my');
    await page.fill('#url', `${server.url}/echo?id=pg3`);
    await page.click('#connect');
    expect(await logLine('open')).toMatch(/onOpen/);
    await page.uncheck('#binary');
    await page.fill('#message', 'from my');
    await page.click('#send');
    expect(await logLine('message')).toMatch(/onMessage \{ data: "from my" \}$/);
    await page.fill('#code', '1000');
    await page.click('#close');
    expect(await logLine('close')).toMatch(/onClose \{ code: 1000/);
    expect(server.log('pg3').connections[0]?.messages.map((m) => m.data)).toEqual(['from my']);
    expect(problems).toEqual([]);
  });
});
