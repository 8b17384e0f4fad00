/**
 * The browser side of the Taro H5 run: the shared contract cases with the device build's
 * createSocketApi over Taro's own H5 connectSocket (@tarojs/taro-h5, unmodified, fetched by
 * scripts/fetch-taro-h5.mjs), run one at a time on request from the Node test.
 */
// @ts-expect-error: Taro's H5 build, aliased by the page bundle (test/browser/support/taro-h5-site.ts)
import { connectSocket } from '@tarojs/taro-h5/dist/api/network/websocket/index.js';
import { taskOfResult } from '../../../src/api/create-api.js';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { createSocketApi } from '../../../src/miniprogram.js';
import type { ServerLog } from '../../contract/harness.js';
import { cleanup, groups, makeCtx, type RunnableCtx } from '../../contract/index.js';

export interface CaseResult {
  ok: boolean;
  message?: string;
  warnings?: string[];
}

/** Taro's API object as a page has it: one module, one connection counter. */
const Taro = { connectSocket };
/** What the engine reported once per API object about the runtime (the cases count their own warnings). */
const reports: string[] = [];

/** The taro profile over Taro H5, with connectSocket handing the cases the task behind its Promise (as test/profiles/contract.ts does). */
function create(config: SocketApiConfig): SocketApi {
  const warn = config.warn;
  const api = createSocketApi({
    ...config,
    profile: 'taro',
    native: Taro,
    warn: (message: string) => (message.startsWith('the native engine on ') ? reports.push(message) : warn?.(message))
  }) as unknown as SocketApi;
  const unwrapped = Object.create(api) as SocketApi;
  Object.defineProperty(unwrapped, 'connectSocket', {
    value: (options: Parameters<SocketApi['connectSocket']>[0]) => {
      const promise = api.connectSocket(options) as unknown as Promise<unknown>;
      promise.catch(() => undefined);
      return taskOfResult(promise);
    }
  });
  return unwrapped;
}

/** Chromium allows one handshake per host:port at a time: `/hang` comes from a second server (as in contract-page.ts). */
const hangServer = new URLSearchParams(location.search).get('hang');
/** A ws:// URL on which nothing listens (the runner picked a free port). */
const refusedUrl = new URLSearchParams(location.search).get('refused') ?? undefined;
function routeHang(ctx: RunnableCtx, id: string): void {
  if (hangServer === null) return;
  const own = `ws://${location.host}`;
  const { url, serverLog } = ctx;
  ctx.url = (path, tag) => (/^\/?hang(\/|$)/.test(path) ? hangServer + url(path, tag).slice(own.length) : url(path, tag));
  ctx.serverLog = async (tag) => {
    const tagged = tag === undefined ? id : `${id}.${tag}`;
    const hang = (await (await fetch(`${hangServer.replace(/^ws/, 'http')}/__log?id=${encodeURIComponent(tagged)}`)).json()) as ServerLog;
    const main = await serverLog(tag);
    return { handshakes: [...main.handshakes, ...hang.handshakes], connections: [...main.connections, ...hang.connections] };
  };
}

async function run(group: string, name: string, id: string): Promise<CaseResult> {
  const found = groups.find((g) => g.name === group)?.cases.find((c) => c.name === name);
  if (found === undefined) return { ok: false, message: `no case ${JSON.stringify(group)} / ${JSON.stringify(name)} in the page bundle` };
  const ctx = makeCtx({ env: 'browser', profile: 'taro', id, serverUrl: `ws://${location.host}`, createSocketApi: create, refusedUrl });
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

(globalThis as { __taro?: unknown }).__taro = { run, reports };
document.body.dataset.ready = 'true';
