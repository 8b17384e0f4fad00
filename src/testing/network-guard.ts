/**
 * The engine installGlobals uses by default: the Node engine, except that a URL that is
 * neither loopback nor the target of a route fails like an unreachable server instead of
 * going out to the network. A test that forgot a route then fails at once, naming the URL
 * and the option that fixes it, rather than after a DNS lookup or against production.
 */
import { setImmediate } from 'node:timers';
import { ErrCode } from '../errors.js';
import type { Engine, EngineSocket } from '../engines/engine.js';

export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return true; // not a URL: the API's own validation has already failed it
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function refusal(url: string): string {
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // keep the URL as given
  }
  return (
    `minisocket/testing refused ${url}: it is not loopback and no route covers it. ` +
    `Route it to your test server with installGlobals({ routes: { '${origin}': server.url } }), or pass allowNetwork: true`
  );
}

/** `base` for loopback URLs and route targets; a failure (errCode 610021, then close 1006) for any other URL. */
export function guardNetwork(base: Engine, routeTargets: string[], warn: (message: string) => void): Engine {
  const allowed = (url: string): boolean =>
    isLoopback(url) || routeTargets.some((target) => url.toLowerCase().startsWith(target.toLowerCase()));
  return {
    name: base.name,
    capabilities: base.capabilities,
    connect(request, sink): EngineSocket {
      if (allowed(request.url)) return base.connect(request, sink);
      const detail = refusal(request.url);
      warn(detail);
      // Engines report asynchronously (engine.ts); node:timers, so fake timers cannot hold it back.
      setImmediate(() => {
        sink.error({ code: ErrCode.CONNECTION_REFUSED, detail });
        sink.close(1006, '');
      });
      return { bufferedAmount: 0, send: () => undefined, close: () => undefined, abort: () => undefined };
    }
  };
}
