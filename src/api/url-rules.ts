/**
 * The console rules a platform applies to a URL before dialling (domain allowlist, wss
 * only) and the test routes that rewrite it afterwards.
 */
import { ErrCode } from '../errors.js';
import { invalid, type Invalid } from '../task/validate.js';

// The scheme of an entry is not compared: config.requireWss is the rule about schemes.
function matchesDomain(url: URL, entry: string): boolean {
  const rule = entry.includes('://') ? new URL(entry) : undefined;
  const host = (rule ? rule.hostname : entry).toLowerCase();
  if (rule && rule.port && rule.port !== url.port) return false;
  if (host.startsWith('*.')) return url.hostname.endsWith(host.slice(1));
  return url.hostname === host;
}

export function checkUrlRules(url: URL, given: string, domains: string[] | undefined, requireWss: boolean): Invalid | undefined {
  if (requireWss && url.protocol !== 'wss:') return invalid(ErrCode.WSS_REQUIRED, `"${given}" is not a wss: URL`);
  if (domains !== undefined && !domains.some((entry) => matchesDomain(url, entry))) {
    return invalid(ErrCode.DOMAIN_NOT_ALLOWED, `"${url.hostname}" is not in config.domains`);
  }
  return undefined;
}

/** Longest matching prefix wins; the rest of the URL (path, query) is kept. */
export function applyRoutes(url: string, routes: Record<string, string> | undefined): string {
  if (routes === undefined) return url;
  let best = '';
  for (const prefix of Object.keys(routes)) {
    if (prefix.length > best.length && url.toLowerCase().startsWith(prefix.toLowerCase())) best = prefix;
  }
  return best === '' ? url : routes[best] + url.slice(best.length);
}
