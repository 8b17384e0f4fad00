/**
 * Firefox ESR from Debian, headless, driven over WebDriver BiDi by puppeteer-core (24.x,
 * the last line that runs on Node 20). Puppeteer starts Firefox as the leader of its own
 * process group with a temporary profile, and deletes the profile on close; the group is
 * recorded as well, so it is killed even when close is never reached.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { adoptGroup } from './processes.js';
import { runInPage, startContractSite, type ContractSite } from './page.js';
import { deadline, type CaseRequest, type CaseResult, type CaseRunner } from './suite.js';

export async function startFirefox(executablePath: string): Promise<CaseRunner> {
  let site: ContractSite | undefined;
  let browser: Browser | undefined;
  let release: (() => void) | undefined;
  const problems: string[] = [];
  const close = async (): Promise<void> => {
    await deadline(browser?.close() ?? Promise.resolve(), 10_000, 'Firefox to close').catch(() => undefined);
    release?.();
    await site?.close();
  };
  try {
    site = await startContractSite();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      protocol: 'webDriverBiDi',
      timeout: 60_000,
      // No update checks, telemetry or captive-portal probes: only loopback.
      extraPrefsFirefox: {
        'app.update.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false
      }
    });
    const pid = browser.process()?.pid;
    if (pid !== undefined) release = adoptGroup(pid);
    const page: Page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    return {
      async run(request: CaseRequest, timeout: number): Promise<CaseResult> {
        const result = await deadline(page.evaluate(runInPage, request), timeout, `Firefox to run ${request.name}`);
        return problems.length === 0 || result.ok ? result : { ...result, message: `${result.message ?? ''}\n${problems.join('\n')}` };
      },
      close
    };
  } catch (error) {
    await close();
    throw error;
  }
}
