/**
 * `minisocket connect`'s command line, read with node:util's parseArgs. Only what the
 * command line itself gets wrong is caught here; the URL, header names and protocols
 * are judged by connectSocket, so the user sees the API's own errMsg for them.
 */
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
  insecure: boolean;
  json: boolean;
  help: boolean;
}

/** parseArgs's own errors (unknown option, missing value) become usage errors. */
export function parseOrExplain<T>(command: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message, command);
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
        insecure: { type: 'boolean', short: 'k' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  );
  const parsed: ConnectArgs = {
    url: positionals[0] ?? '',
    profile: profileName(values.profile, 'connect'),
    header: headers(values.header ?? []),
    protocols: (values.protocol ?? []).flatMap((list) => list.split(',')).map((name) => name.trim()),
    // Replies that arrive after close() are dropped (WHATWG's rule, kept on Node): give them a moment.
    wait: milliseconds('--wait', values.wait, 'connect') ?? DEFAULT_WAIT,
    insecure: values.insecure === true,
    json: values.json === true,
    help: values.help === true
  };
  const timeout = milliseconds('--timeout', values.timeout, 'connect');
  if (timeout !== undefined) parsed.timeout = timeout;
  if (parsed.help) return parsed;
  if (positionals.length === 0) throw new UsageError('missing <url>', 'connect');
  if (positionals.length > 1) throw new UsageError(`one <url> only, got ${positionals.length} arguments`, 'connect');
  return parsed;
}
