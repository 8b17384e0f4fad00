/**
 * The browser side of the contract runner: the shared cases (test/contract) with the
 * browser entry's createSocketApi, run one at a time on request from the Node test.
 * Bundled by esbuild for the page; imports nothing from Node.
 */
import { createSocketApi } from '../../../src/browser.js';
import { cleanup, groups, makeCtx, type RunnableCtx } from '../../contract/index.js';
import type { ServerLog } from '../../contract/harness.js';

export interface CaseResult {
  ok: boolean;
  message?: string;
  warnings?: string[];
}

/**
 * Chromium lets only one handshake per host:port be in progress (RFC 6455 section 4.1):
 * a `/hang` connection would hold up every later connection of the case. The runner
 * therefore serves `/hang` from a second server (`?hang=ws://...` in the page URL); the
 * case sees one server: its URLs and its merged log.
 */
const hangServer = new URLSearchParams(location.search).get('hang');

function routeHang(ctx: RunnableCtx, id: string): void {
  if (hangServer === null) return;
  const own = `ws://${location.host}`;
  const { url, serverLog } = ctx;
  ctx.url = (path, tag) => (/^\/?hang(\/|$)/.test(path) ? hangServer + url(path, tag).slice(own.length) : url(path, tag));
  ctx.serverLog = async (tag) => {
    const tagged = tag === undefined ? id : `${id}.${tag}`;
    const response = await fetch(`${hangServer.replace(/^ws/, 'http')}/__log?id=${encodeURIComponent(tagged)}`);
    if (!response.ok) throw new Error(`GET /__log of the hang server answered ${response.status}`);
    const hang = (await response.json()) as ServerLog;
    const main = await serverLog(tag);
    return { handshakes: [...main.handshakes, ...hang.handshakes], connections: [...main.connections, ...hang.connections] };
  };
}

async function run(group: string, name: string, id: string): Promise<CaseResult> {
  const found = groups.find((g) => g.name === group)?.cases.find((c) => c.name === name);
  if (found === undefined) return { ok: false, message: `no case ${JSON.stringify(group)} / ${JSON.stringify(name)} in the page bundle` };
  const ctx = makeCtx({ env: 'browser', id, serverUrl: `ws://${location.host}`, createSocketApi });
  routeHang(ctx, id);
  try {
    await found.run(ctx);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { ok: false, message, warnings: ctx.warnings };
  } finally {
    await cleanup(ctx);
  }
}

(globalThis as { __contract?: unknown }).__contract = { run };
document.body.dataset.ready = 'true';
