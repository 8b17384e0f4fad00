/**
 * WHATWG engines let only one handshake per host:port be in progress (RFC 6455 section
 * 4.1): a `/hang` connection would hold up every later connection of the case. So `/hang`
 * is served from a second server and the case still sees one server: its URLs, and a log
 * that merges both. (Chromium's page and undici's runner do the same.) Imports nothing
 * from Node: it runs in browsers, Bun and Deno.
 */
import type { RunnableCtx, ServerLog } from '../../contract/harness.js';

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
