/**
 * The one runner side of the shared contract cases (test/contract), for every place that
 * runs them: the vitest files (through contract-suite.ts), the browser pages and the Bun
 * and Deno children. No Node module and no test framework here: it is bundled into pages.
 */
import { taskOfResult } from '../../src/api/create-api.js';
import type { SocketApi } from '../../src/index.js';
import { cleanup, type ContractCase, groups, type RunnableCtx } from '../contract/index.js';
import type { ServerLog } from '../contract/harness.js';
import { within } from './wait.js';

/** What a page or child answers for one case. */
export interface CaseResult {
  ok: boolean;
  message?: string;
  warnings?: string[];
}

export const findCase = (group: string, name: string): ContractCase | undefined =>
  groups.find((g) => g.name === group)?.cases.find((c) => c.name === name);

/** Runs the case on `ctx` (bounded by the case's own timeout if `bounded`), then closes whatever it left open. */
export async function runOnCtx(contractCase: ContractCase, ctx: RunnableCtx, bounded = false): Promise<void> {
  try {
    const run = contractCase.run(ctx);
    await (bounded ? within(run, contractCase.timeout, `the case (its own timeout, ${contractCase.timeout} ms)`) : run);
  } finally {
    await cleanup(ctx);
  }
}

/** Finds and runs one case by group and name; a failure becomes the result's message, with the case's warnings. */
export async function runCase(request: { group: string; name: string }, makeCtx: () => RunnableCtx, bounded = false): Promise<CaseResult> {
  const found = findCase(request.group, request.name);
  if (found === undefined)
    return { ok: false, message: `no case ${JSON.stringify(request.group)} / ${JSON.stringify(request.name)} in the bundle` };
  const ctx = makeCtx();
  try {
    await runOnCtx(found, ctx, bounded);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { ok: false, message, warnings: ctx.warnings };
  }
}

/**
 * Taro's API with connectSocket returning the task behind its Promise, at once: the cases
 * drive tasks synchronously (test/profiles/taro.test.ts tests the Promise itself).
 */
export function withSyncTasks(api: SocketApi): SocketApi {
  const unwrapped = Object.create(api) as SocketApi;
  Object.defineProperty(unwrapped, 'connectSocket', {
    value: (options: Parameters<SocketApi['connectSocket']>[0]) => {
      const promise = api.connectSocket(options) as unknown as Promise<unknown>;
      promise.catch(() => undefined); // a refused call rejects; the case sees it through fail/onError
      return taskOfResult(promise);
    }
  });
  return unwrapped;
}

/**
 * WHATWG engines let only one handshake per host:port be in progress (RFC 6455 section
 * 4.1): a `/hang` connection would hold up every later connection of the case. So `/hang`
 * is served from a second server and the case still sees one server: its URLs, and a log
 * that merges both (Chromium's and Firefox's pages, undici's runner, Bun and Deno).
 */
export function routeHang(ctx: RunnableCtx, id: string, serverUrl: string, hangUrl: string): void {
  const { url, serverLog } = ctx;
  ctx.url = (path, tag) => (/^\/?hang(\/|$)/.test(path) ? hangUrl + url(path, tag).slice(serverUrl.length) : url(path, tag));
  ctx.serverLog = async (tag) => {
    const tagged = tag === undefined ? id : `${id}.${tag}`;
    const response = await fetch(`${hangUrl.replace(/^ws/, 'http')}/__log?id=${encodeURIComponent(tagged)}`);
    if (!response.ok) throw new Error(`GET /__log of the hang server answered ${response.status}`);
    const hang = (await response.json()) as ServerLog;
    const main = await serverLog(tag);
    return { handshakes: [...main.handshakes, ...hang.handshakes], connections: [...main.connections, ...hang.connections] };
  };
}
