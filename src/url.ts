/**
 * URL parsing where the platform has no WHATWG `URL`: WeChat's and several other
 * mini-program runtimes have none (their JS engines lack the URL API), and the device
 * build must run there. Where `URL` exists it is used as is; otherwise a small parser reads
 * the only URLs minisocket parses (ws:, wss:, and the allowlist's host entries): scheme
 * and host lower-cased, the scheme's default port dropped, an empty path made '/', and
 * query parameters appended in application/x-www-form-urlencoded form, as URLSearchParams
 * serializes them. It does no IDNA and no percent-encoding of the path: a host the
 * runtime's own connectSocket would refuse is refused there.
 */

/** The parts of a parsed URL minisocket reads. */
export interface UrlLike {
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly href: string;
  readonly searchParams: { append(name: string, value: string): void };
}

const PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[0-9a-fA-F:.]+\]|[^/?#:[\]]*)(?::(\d*))?([^?#]*)(\?[^#]*)?$/;
const DEFAULT_PORTS: Record<string, string> = { 'ws:': '80', 'wss:': '443', 'http:': '80', 'https:': '443' };

/** application/x-www-form-urlencoded, as URLSearchParams writes it. */
const formEncode = (text: string): string =>
  encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A parsed URL as a plain object (a class with private fields is a WeakMap each in the ES2018 device build). */
function liteUrl(text: string): UrlLike {
  const parts = PARTS.exec(text);
  if (parts === null) throw new TypeError(`Invalid URL: ${text}`);
  const protocol = `${parts[1]!.toLowerCase()}:`;
  const hostname = parts[2]!.toLowerCase();
  const digits = (parts[3] ?? '').replace(/^0+(?=\d)/, '');
  if (digits !== '' && Number(digits) > 65535) throw new TypeError(`Invalid URL: ${text}`);
  const port = digits === DEFAULT_PORTS[protocol] ? '' : digits;
  const host = port === '' ? hostname : `${hostname}:${port}`;
  const path = parts[4] === '' || parts[4] === undefined ? '/' : parts[4];
  let query = parts[5] ?? '';
  return {
    protocol,
    hostname,
    port,
    host,
    get href() {
      return `${protocol}//${host}${path}${query}`;
    },
    searchParams: {
      append(name: string, value: string) {
        const pair = `${formEncode(name)}=${formEncode(value)}`;
        query = query === '' || query === '?' ? `?${pair}` : `${query}&${pair}`;
      }
    }
  };
}

/** Parses `text` with the platform's URL where there is one, else with the small parser; throws TypeError when it is no URL. */
export function parseUrl(text: string): UrlLike {
  // `typeof`, not globalThis: old mini-program base libraries have no globalThis either.
  return typeof URL === 'function' ? new URL(text) : liteUrl(text);
}
