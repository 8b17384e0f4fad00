/**
 * The browsers' CaseRunner side: the contract page Chromium uses
 * (test/browser/page/contract-page.ts, bundled with src/browser.ts) served by a test
 * server, `/hang` from a second server (on 127.0.0.2), and a driver that calls the page's
 * `__contract.run(group, name, id)` for each case.
 */
import { createTestServer, type TestServer } from '../../../src/testing/index.js';
import { startSite, type Site } from '../../browser/support/site.js';
import type { CaseRequest, CaseResult } from './suite.js';

export interface ContractSite {
  /** The page's URL, with the hang server in its query. */
  url: string;
  close(): Promise<void>;
}

export async function startContractSite(): Promise<ContractSite> {
  let site: Site | undefined;
  let hang: TestServer | undefined;
  try {
    site = await startSite('test/browser/page/contract-page.ts');
    // Firefox queues a handshake behind one in progress to the same IP address, whatever
    // the port: the hang server has a loopback address of its own.
    hang = await createTestServer({ host: '127.0.0.2', logOrigins: [new URL(site.pageUrl).origin] });
    const opened = { site, hang };
    return {
      url: `${site.pageUrl}?hang=${encodeURIComponent(hang.url)}`,
      async close() {
        await opened.site.close();
        await opened.hang.close();
      }
    };
  } catch (error) {
    await site?.close();
    await hang?.close();
    throw error;
  }
}

/** The script a driver evaluates in the page; the page answers with a CaseResult. */
export const runInPage = (request: CaseRequest): Promise<CaseResult> =>
  (globalThis as unknown as { __contract: { run(g: string, n: string, i: string): Promise<CaseResult> } }).__contract.run(
    request.group,
    request.name,
    request.id
  );
