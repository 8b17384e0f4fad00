/**
 * The console rules a platform applies to a URL before dialling (domain allowlist, wss
 * only) and the test routes that rewrite it afterwards.
 */
import * as Code from '../codes.js';
import { parseUrl, type UrlLike } from '../url.js';
import { invalid, type Invalid } from '../task/validate.js';

interface DomainRule {
  host: string;
  /** '' when the entry names no port (or the default one): only the scheme's default port matches. */
  port: string;
}

/**
 * Reads one allowlist entry: 'api.example.com', '*.example.com', 'api.example.com:8443'
 * or a URL such as 'wss://api.example.com:8443'. The scheme of an entry is not compared:
 * config.requireWss is the rule about schemes. Undefined for an entry that is no host.
 */
export function parseDomain(entry: string): DomainRule | undefined {
  const wildcard = entry.includes('://') ? '' : entry.startsWith('*.') ? '*.' : '';
  const text = entry.includes('://') ? entry : `wss://${entry.slice(wildcard.length)}`;
  let url: UrlLike;
  try {
    url = parseUrl(text);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  return { host: wildcard + url.hostname, port: url.port };
}

function matchesDomain(url: UrlLike, rule: DomainRule): boolean {
  // WeChat's console rule: an entry with a port allows only that port, one without only the default.
  if (rule.port !== url.port) return false;
  if (rule.host.startsWith('*.')) return url.hostname.endsWith(rule.host.slice(1));
  return url.hostname === rule.host;
}

export function checkUrlRules(url: UrlLike, given: string, domains: string[] | undefined, requireWss: boolean): Invalid | undefined {
  if (requireWss && url.protocol !== 'wss:') return invalid(Code.WSS_REQUIRED, `"${given}" is not a wss: URL`);
  if (
    domains !== undefined &&
    !domains.some((entry) => {
      const rule = parseDomain(entry);
      return rule !== undefined && matchesDomain(url, rule);
    })
  ) {
    return invalid(Code.DOMAIN_NOT_ALLOWED, `"${url.host}" is not in config.domains`);
  }
  return undefined;
}

/**
 * Longest matching prefix wins; the rest of the URL (path, query) is kept. A prefix
 * matches only at a boundary of the URL, so 'wss://api.example.com' does not capture
 * 'wss://api.example.community' or 'wss://api.example.com:8443'.
 */
export function applyRoutes(given: string, routes: Record<string, string> | undefined): string {
  if (routes === undefined) return given;
  // A route names a host, whatever credentials the URL carries: 'wss://user:token@api.example.com'
  // must not slip past the route and dial the real host (issue 11, finding 10).
  const url = withoutUserinfo(given);
  const lower = url.toLowerCase();
  let best = '';
  for (const prefix of Object.keys(routes)) {
    if (prefix.length <= best.length || !lower.startsWith(prefix.toLowerCase())) continue;
    const next = url.charAt(prefix.length);
    if (prefix.endsWith('/') || next === '' || next === '/' || next === '?') best = prefix;
  }
  if (best === '') return given;
  const target = routes[best]!;
  const rest = url.slice(best.length);
  // 'ws://127.0.0.1:9/' + '/mqtt' must not become a '//mqtt' path.
  return target.endsWith('/') && rest.startsWith('/') ? target + rest.slice(1) : target + rest;
}

/** 'wss://user:pass@host/x' -> 'wss://host/x'; a URL without userinfo is returned as it is. */
function withoutUserinfo(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme === -1) return url;
  const authorityEnd = url.slice(scheme + 3).search(/[/?#]/);
  const authority = authorityEnd === -1 ? url.slice(scheme + 3) : url.slice(scheme + 3, scheme + 3 + authorityEnd);
  const at = authority.lastIndexOf('@');
  return at === -1 ? url : url.slice(0, scheme + 3) + url.slice(scheme + 4 + at);
}
