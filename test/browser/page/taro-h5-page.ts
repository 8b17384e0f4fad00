/**
 * The browser side of the Taro H5 run: the shared contract cases with the device build's
 * createSocketApi over Taro's own H5 connectSocket (@tarojs/taro-h5, unmodified, fetched by
 * scripts/fetch-taro-h5.mjs), run one at a time on request from the Node test.
 */
// @ts-expect-error: Taro's H5 build, aliased by the page bundle (test/browser/support/taro-h5-site.ts)
import { connectSocket } from '@tarojs/taro-h5/dist/api/network/websocket/index.js';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { createSocketApi } from '../../../src/miniprogram.js';
import { makeCtx } from '../../contract/index.js';
import { type CaseResult, routeHang, runCase, withSyncTasks } from '../../support/contract-runner.js';

export type { CaseResult };

/** Taro's API object as a page has it: one module, one connection counter. */
const Taro = { connectSocket };
/** What the engine reported once per API object about the runtime (the cases count their own warnings). */
const reports: string[] = [];

/** The taro profile over Taro H5, with connectSocket handing the cases the task behind its Promise. */
function create(config: SocketApiConfig): SocketApi {
  const warn = config.warn;
  const api = createSocketApi({
    ...config,
    profile: 'taro',
    native: Taro,
    warn: (message: string) => (message.startsWith('the native engine on ') ? reports.push(message) : warn?.(message))
  }) as unknown as SocketApi;
  return withSyncTasks(api);
}

/** Chromium allows one handshake per host:port at a time: `/hang` comes from a second server (as in contract-page.ts). */
const hangServer = new URLSearchParams(location.search).get('hang');
/** A ws:// URL on which nothing listens (the runner picked a free port). */
const refusedUrl = new URLSearchParams(location.search).get('refused') ?? undefined;

function run(group: string, name: string, id: string): Promise<CaseResult> {
  return runCase({ group, name }, () => {
    const serverUrl = `ws://${location.host}`;
    const ctx = makeCtx({ env: 'browser', profile: 'taro', id, serverUrl, createSocketApi: create, refusedUrl });
    if (hangServer !== null) routeHang(ctx, id, serverUrl, hangServer);
    return ctx;
  });
}

(globalThis as { __taro?: unknown }).__taro = { run, reports };
document.body.dataset.ready = 'true';
