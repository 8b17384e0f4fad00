/**
 * The browser side of the contract runner: the shared cases (test/contract) with the
 * browser entry's createSocketApi, run one at a time on request from the Node test.
 * Bundled by esbuild for the page; imports nothing from Node.
 */
import { createSocketApi } from '../../../src/browser.js';
import { makeCtx } from '../../contract/index.js';
import { type CaseResult, routeHang, runCase } from '../../support/contract-runner.js';

export type { CaseResult };

/** Chromium allows one handshake per host:port at a time: the runner serves `/hang` from a second server (`?hang=ws://...`). */
const hangServer = new URLSearchParams(location.search).get('hang');

function run(group: string, name: string, id: string): Promise<CaseResult> {
  return runCase({ group, name }, () => {
    const serverUrl = `ws://${location.host}`;
    const ctx = makeCtx({ env: 'browser', id, serverUrl, createSocketApi });
    if (hangServer !== null) routeHang(ctx, id, serverUrl, hangServer);
    return ctx;
  });
}

(globalThis as { __contract?: unknown }).__contract = { run };
document.body.dataset.ready = 'true';
