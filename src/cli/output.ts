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
    if (this.aroundWrite) this.aroundWrite(() => stream.write(text));
    else stream.write(text);
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

/** A close reason or text for a terminal: quoted, with control characters escaped. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** Text as a message line: control characters escaped so a message cannot redraw the terminal. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
  return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
