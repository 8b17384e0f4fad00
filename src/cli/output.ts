/**
 * How the commands print: one event per line, either for people (a marker, colours on a
 * terminal) or for scripts (`--json`: one JSON object per line, nothing else on stdout).
 */
import type { Writable } from 'node:stream';

export type Tone = 'info' | 'in' | 'out' | 'error' | 'close' | 'dim';

const COLOURS: Record<Tone, [number, number]> = {
  info: [32, 39], // green
  in: [36, 39], // cyan
  out: [2, 22], // dim
  error: [31, 39], // red
  close: [33, 39], // yellow
  dim: [2, 22]
};

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export interface PrinterOptions {
  json: boolean;
  colour: boolean;
  out: Writable;
  err: Writable;
}

export type JsonEvent = { event: string } & Record<string, unknown>;

export class Printer {
  readonly json: boolean;
  private readonly colour: boolean;
  private readonly out: Writable;
  private readonly err: Writable;
  /** Set while an interactive prompt is on screen: lines are written above it. */
  aroundWrite: ((write: () => void) => void) | undefined;
  /** Told when standard output stops taking lines (true) and drains again (false), to stop reading the socket meanwhile. */
  onBlocked: ((blocked: boolean) => void) | undefined;
  private blocked = false;

  constructor(options: PrinterOptions) {
    this.json = options.json;
    this.colour = options.colour;
    this.out = options.out;
    this.err = options.err;
  }

  paint(tone: Tone, text: string): string {
    if (!this.colour) return text;
    const [on, off] = COLOURS[tone];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }

  /** One event: `fields` as a JSON line, or `human()` (possibly several lines) for people. */
  event(fields: JsonEvent, human: () => string): void {
    const text = this.json ? JSON.stringify(fields) : human();
    this.write(this.out, `${text}\n`);
  }

  /** A line for people only (banners, hints); scripts reading --json never see it. */
  note(text: string): void {
    if (!this.json) this.write(this.out, `${text}\n`);
  }

  /** A problem of the command itself (not an API event): stderr, in both modes. */
  problem(text: string): void {
    this.write(this.err, `minisocket: ${text}\n`);
  }

  private write(stream: Writable, text: string): void {
    let taken = true;
    if (this.aroundWrite) this.aroundWrite(() => (taken = stream.write(text)));
    else taken = stream.write(text);
    if (!taken && stream === this.out && !this.blocked) {
      // A reader that stopped reading (a paused pager, a full pipe): stop taking messages until it drains.
      this.blocked = true;
      this.onBlocked?.(true);
      stream.once('drain', () => {
        this.blocked = false;
        this.onBlocked?.(false);
      });
    }
  }
}

const HEX = /^(?:[0-9a-f]{2})*$/i;

/** `01 ff` or `01ff` to bytes; undefined when it is not whole bytes of hex. */
export function parseHex(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!HEX.test(compact)) return undefined;
  return Uint8Array.from(Buffer.from(compact, 'hex'));
}

export function toHex(data: ArrayBuffer | Uint8Array): string {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Hex for a terminal: long payloads are cut, with the size still given in full. */
export function shortHex(data: ArrayBuffer | Uint8Array, max = 64): string {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const shown = toHex(bytes.subarray(0, max));
  return bytes.byteLength > max ? `${shown}...` : shown;
}

/**
 * What a terminal would act on instead of showing: C0 controls (newline, escape...), DEL,
 * C1 controls (U+009B is a one-character CSI), the Unicode line and paragraph separators,
 * and the bidirectional overrides and isolates that reorder the rest of a line.
 */
const HOSTILE_CLASS = '[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const HOSTILE = new RegExp(HOSTILE_CLASS);
const HOSTILE_ALL = new RegExp(HOSTILE_CLASS, 'g');

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
}

/**
 * Text from the peer as part of one line: when it holds a character a terminal would act on,
 * that character is escaped (and backslashes doubled, so the escape is unambiguous); plain
 * text is shown as it is.
 */
export function printable(text: string): string {
  if (!HOSTILE.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(HOSTILE_ALL, escapeOne);
}

/** A close reason, header value or other peer text in double quotes: quotes and backslashes escaped too. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(HOSTILE_ALL, escapeOne)}"`;
}
