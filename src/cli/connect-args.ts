/**
 * `minisocket connect`'s command line, read with node:util's parseArgs. Only what the
 * command line itself gets wrong is caught here; the URL, header names and protocols
 * are judged by connectSocket, so the user sees the API's own errMsg for them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ProfileName } from '../index.js';
import { UsageError } from './usage.js';

/** ms to wait at the end of input before closing, so replies in flight are still printed. */
export const DEFAULT_WAIT = 250;

export const PROFILE_NAMES: readonly ProfileName[] = ['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my'];

export interface ConnectArgs {
  url: string;
  profile: ProfileName;
  header: Record<string, string>;
  protocols: string[];
  timeout?: number;
  wait: number;
  /** At the end of input, stay connected until the server closes or Ctrl-C. */
  keepOpen: boolean;
  insecure: boolean;
  /** PEM text read from the --ca, --cert, --key files, and the key's passphrase. */
  tls: { ca?: string; cert?: string; key?: string; passphrase?: string };
  json: boolean;
  /** false with --no-color; undefined: colour on a terminal unless NO_COLOR is set. */
  colour: boolean | undefined;
  help: boolean;
}

/** ERR_PARSE_ARGS_* in plain words (Node's own text quotes unevenly and suggests `--` for an option). */
function parseArgsMessage(error: TypeError & { code?: unknown }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? /(-{1,2}[\w-]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return option === undefined ? 'unknown option' : `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option === undefined
        ? 'an option is missing its value'
        : /argument missing/.test(error.message)
          ? `${option} needs a value`
          : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'unexpected argument';
    default:
      return error.message;
  }
}

/** parseArgs's own errors (unknown option, missing value) become usage errors. */
export function parseOrExplain<T>(command: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(parseArgsMessage(error as TypeError & { code?: unknown }), command);
    }
    throw error;
  }
}

export function milliseconds(name: string, text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number of milliseconds, got ${JSON.stringify(text)}`, command);
  return Number(text);
}

export function profileName(text: string | undefined, command: string): ProfileName {
  if (text === undefined) return 'standard';
  if (!(PROFILE_NAMES as readonly string[]).includes(text)) {
    throw new UsageError(`unknown profile ${JSON.stringify(text)}: one of ${PROFILE_NAMES.join(', ')}`, command);
  }
  return text as ProfileName;
}

/**
 * What people type for a URL: `127.0.0.1:8080/echo` or `localhost:8080` mean ws:// (as
 * wscat reads them); a URL with a scheme is left to connectSocket to judge.
 */
export function withScheme(text: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text === '' ? text : `ws://${text}`;
}

/** Does a first argument look like a URL without a scheme (`host:port`, `[::1]:8080`, `host/path`)? */
export function looksLikeAddress(text: string): boolean {
  return /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d+(?:[/?#]|$)/i.test(text) || /^(?:localhost|[0-9.]+)(?:[/?#]|$)/i.test(text);
}

function pemFile(option: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${option}: cannot read ${JSON.stringify(path)}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
      'connect'
    );
  }
}

/** `--auth user:password` as HTTP Basic credentials. */
function basicAuth(text: string): string {
  if (!text.includes(':')) throw new UsageError(`--auth must look like 'user:password', got ${JSON.stringify(text)}`, 'connect');
  return `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
}

function headers(lines: string[]): Record<string, string> {
  const header: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (name === '') throw new UsageError(`header must look like 'Name: value', got ${JSON.stringify(line)}`, 'connect');
    const value = line.slice(colon + 1).trim();
    // Repeated names are joined as HTTP joins them.
    header[name] = header[name] === undefined ? value : `${header[name]}, ${value}`;
  }
  return header;
}

export function parseConnectArgs(args: string[]): ConnectArgs {
  const { values, positionals } = parseOrExplain('connect', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true },
        protocol: { type: 'string', short: 'p', multiple: true },
        timeout: { type: 'string' },
        wait: { type: 'string', short: 'w' },
        'keep-open': { type: 'boolean' },
        insecure: { type: 'boolean', short: 'k' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        passphrase: { type: 'string' },
        origin: { type: 'string', short: 'o' },
        auth: { type: 'string' },
        json: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  );
  const header = headers(values.header ?? []);
  if (values.origin !== undefined) header.Origin = values.origin;
  if (values.auth !== undefined) header.Authorization = basicAuth(values.auth);
  const tls: ConnectArgs['tls'] = {};
  for (const name of ['ca', 'cert', 'key'] as const) {
    const pem = pemFile(`--${name}`, values[name]);
    if (pem !== undefined) tls[name] = pem;
  }
  if (values.passphrase !== undefined) {
    if (tls.key === undefined) throw new UsageError('--passphrase unlocks a --key: give the key file too', 'connect');
    tls.passphrase = values.passphrase;
  }
  if ((tls.cert === undefined) !== (tls.key === undefined))
    throw new UsageError('--cert and --key go together (a client certificate and its private key)', 'connect');
  const parsed: ConnectArgs = {
    url: withScheme(positionals[0] ?? ''),
    profile: profileName(values.profile, 'connect'),
    header,
    protocols: (values.protocol ?? []).flatMap((list) => list.split(',')).map((name) => name.trim()),
    // Replies that arrive after close() are dropped (WHATWG's rule, kept on Node): give them a moment.
    wait: milliseconds('--wait', values.wait, 'connect') ?? DEFAULT_WAIT,
    keepOpen: values['keep-open'] === true,
    insecure: values.insecure === true,
    tls,
    json: values.json === true,
    colour: values['no-color'] === true ? false : undefined,
    help: values.help === true
  };
  const timeout = milliseconds('--timeout', values.timeout, 'connect');
  if (timeout !== undefined) parsed.timeout = timeout;
  if (parsed.help) return parsed;
  if (positionals.length === 0) throw new UsageError('missing <url>', 'connect');
  if (positionals.length > 1)
    throw new UsageError(`one <url> only, got ${positionals.length} arguments (quote a header value that has spaces)`, 'connect');
  return parsed;
}
