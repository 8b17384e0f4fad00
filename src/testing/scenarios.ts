/**
 * The path-based scenarios of the test server. A path names the behaviour so that a test
 * that cannot run Node code (a browser page, the CLI) can still ask for a fault.
 */

export type Scenario =
  | { kind: 'echo'; explicit: boolean }
  | { kind: 'close'; code?: number; reason: string }
  | { kind: 'drop'; afterMs: number }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'protocol'; name: string | false }
  | { kind: 'headers' }
  | { kind: 'bad-utf8' }
  | { kind: 'bad-frame' }
  | { kind: 'send-binary'; size: number }
  | { kind: 'send-text'; size: number }
  | { kind: 'stop-reading'; dropAfterMs?: number }
  | { kind: 'no-close-reply' }
  | { kind: 'broadcast' }
  | { kind: 'slow'; ms: number };

const DEFAULT: Scenario = { kind: 'echo', explicit: false };

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Maps a request path (no query string) to its scenario; unknown paths echo. */
export function parseScenario(pathname: string): Scenario {
  const [name, arg, extra] = pathname.split('/').slice(1);
  const n = count(arg);
  switch (name) {
    case 'echo':
      return { kind: 'echo', explicit: true };
    case 'close':
      if (arg === 'none') return { kind: 'close', reason: '' };
      return n === undefined ? DEFAULT : { kind: 'close', code: n, reason: extra === undefined ? '' : decode(extra) };
    case 'drop':
      return { kind: 'drop', afterMs: 0 };
    case 'drop-after':
      return n === undefined ? DEFAULT : { kind: 'drop', afterMs: n };
    case 'status':
      return n === undefined ? DEFAULT : { kind: 'status', status: n };
    case 'hang':
      return { kind: 'hang' };
    case 'protocol':
      if (arg === undefined || arg === '') return DEFAULT;
      return { kind: 'protocol', name: arg === 'none' ? false : decode(arg) };
    case 'headers':
      return { kind: 'headers' };
    case 'bad-utf8':
      return { kind: 'bad-utf8' };
    case 'bad-frame':
      return { kind: 'bad-frame' };
    case 'send-binary':
      return n === undefined ? DEFAULT : { kind: 'send-binary', size: n };
    case 'send-text':
      return n === undefined ? DEFAULT : { kind: 'send-text', size: n };
    case 'stop-reading':
      return n === undefined ? { kind: 'stop-reading' } : { kind: 'stop-reading', dropAfterMs: n };
    case 'no-close-reply':
      return { kind: 'no-close-reply' };
    case 'broadcast':
      return { kind: 'broadcast' };
    case 'slow':
      return { kind: 'slow', ms: n ?? 1000 };
    default:
      return DEFAULT;
  }
}
