/**
 * The checks WHATWG's WebSocket makes before it touches the network, with the exceptions
 * it specifies (https://websockets.spec.whatwg.org/): the constructor's URL and protocols,
 * close()'s code and reason, and the WebIDL conversion of send()'s argument.
 */
import { utf8Length } from '../utf8.js';
import { domException } from './dom-exception.js';

type UrlLike = { href: string; protocol: string; origin: string };
type UrlConstructor = new (url: string) => UrlLike;

/** The URL and its origin as WHATWG's constructor steps 1 to 6 leave them. */
export interface ParsedUrl {
  href: string;
  origin: string;
}

/**
 * Constructor steps 1-6: parse, map http(s) to ws(s), refuse other schemes and any
 * fragment. With no base URL (there is no document), a relative URL does not parse.
 * Where the runtime has no `URL` (older mini-program base libraries), a strict pattern
 * for absolute ws/wss/http/https URLs stands in and the text is kept as given, but for
 * its scheme.
 */
export function parseUrl(input: unknown): ParsedUrl {
  const text = String(input);
  // `typeof URL`, not globalThis.URL: old mini-program base libraries have no globalThis either.
  const URLClass = typeof URL === 'function' ? (URL as unknown as UrlConstructor) : undefined;
  if (typeof URLClass !== 'function') return parseWithoutUrl(text);
  let url: UrlLike;
  try {
    url = new URLClass(text);
  } catch {
    throw domException(`The URL '${text}' is invalid.`, 'SyntaxError');
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw domException(
      `The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${url.protocol.slice(0, -1)}' is not allowed.`,
      'SyntaxError'
    );
  }
  // A fragment, even an empty one ("ws://host/#"), is refused: the serialization shows it as '#'.
  if (url.href.includes('#')) {
    throw domException(
      `The URL contains a fragment identifier ('${url.href.slice(url.href.indexOf('#'))}'). Fragment identifiers are not allowed in WebSocket URLs.`,
      'SyntaxError'
    );
  }
  return { href: url.href, origin: url.origin };
}

const ABSOLUTE = /^(wss?|https?):\/\/([^/?#\s\\@]+@)?([^/?#\s\\@]+)([^#\s]*)$/i;

function parseWithoutUrl(raw: string): ParsedUrl {
  // The URL parser trims C0 controls and spaces at both ends.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: C0 controls are what the URL parser trims
  const text = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (text.includes('#')) {
    throw domException(`The URL contains a fragment identifier. Fragment identifiers are not allowed in WebSocket URLs.`, 'SyntaxError');
  }
  const match = ABSOLUTE.exec(text);
  if (match === null) throw domException(`The URL '${raw}' is invalid.`, 'SyntaxError');
  const scheme = match[1]!.toLowerCase().replace(/^http/, 'ws');
  const host = match[3]!.toLowerCase();
  // A URL's path is never empty: 'ws://h?q' serializes as 'ws://h/?q'.
  const rest = match[4]!.startsWith('/') ? match[4]! : `/${match[4]!}`;
  return { href: `${scheme}://${match[2] ?? ''}${host}${rest}`, origin: `${scheme}://${host}` };
}

/** RFC 7230 token: what a Sec-WebSocket-Protocol element may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Constructor steps 7-8: a string is a one-element list; no duplicates, each a token. */
export function parseProtocols(protocols: unknown): string[] {
  if (protocols === undefined) return [];
  let list: string[];
  if (typeof protocols === 'string') list = [protocols];
  else if (typeof protocols === 'object' && protocols !== null && typeof (protocols as Iterable<unknown>)[Symbol.iterator] === 'function') {
    list = Array.from(protocols as Iterable<unknown>, (p) => String(p));
  } else list = [String(protocols)];
  const seen = new Set<string>();
  for (const protocol of list) {
    if (!TOKEN.test(protocol)) throw domException(`The subprotocol '${protocol}' is invalid.`, 'SyntaxError');
    if (seen.has(protocol)) throw domException(`The subprotocol '${protocol}' is duplicated.`, 'SyntaxError');
    seen.add(protocol);
  }
  return list;
}

/** WebIDL `[Clamp] unsigned short`: clamp to 0..65535, round half to even, NaN is 0. */
function clampUnsignedShort(value: unknown): number {
  const n = Number(value);
  if (Number.isNaN(n)) return 0;
  const clamped = Math.min(Math.max(n, 0), 65535);
  const floor = Math.floor(clamped);
  const diff = clamped - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** WebIDL USVString: lone surrogates become U+FFFD. */
export function toUSVString(value: unknown): string {
  const text = String(value);
  const wellFormed = (text as { toWellFormed?: () => string }).toWellFormed;
  return typeof wellFormed === 'function'
    ? wellFormed.call(text)
    : text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** close() steps 1-2: the code is 1000 or 3000-4999; the reason at most 123 bytes of UTF-8. */
export function checkClose(code: unknown, reason: unknown): { code: number | undefined; reason: string } {
  const checkedCode = code === undefined ? undefined : clampUnsignedShort(code);
  const checkedReason = reason === undefined ? '' : toUSVString(reason);
  if (checkedCode !== undefined && checkedCode !== 1000 && (checkedCode < 3000 || checkedCode > 4999)) {
    throw domException(`The close code must be either 1000, or between 3000 and 4999. ${checkedCode} is neither.`, 'InvalidAccessError');
  }
  if (utf8Length(checkedReason) > 123) {
    throw domException('The close reason must not be greater than 123 UTF-8 bytes.', 'SyntaxError');
  }
  return { code: checkedCode, reason: checkedReason };
}

/** What send() takes after WebIDL's conversion of `(BufferSource or Blob or USVString)`. */
export type Sendable = string | ArrayBuffer | ArrayBufferView | Blob;

const isShared = (value: unknown): boolean => typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer;

/**
 * The union conversion: ArrayBuffer, any ArrayBufferView, a Blob where the runtime has
 * Blob, and everything else as a string. Shared memory is a TypeError, as WebIDL's
 * BufferSource without [AllowShared].
 */
export function toSendable(data: unknown): Sendable {
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && data !== null) {
    if (data instanceof ArrayBuffer) return data;
    if (ArrayBuffer.isView(data)) {
      if (isShared(data.buffer))
        throw new TypeError("Failed to execute 'send' on 'WebSocket': The provided ArrayBufferView value must not be shared.");
      return data;
    }
    if (isShared(data)) throw new TypeError("Failed to execute 'send' on 'WebSocket': The provided ArrayBuffer value must not be shared.");
    if (typeof Blob === 'function' && data instanceof Blob) return data;
  }
  return toUSVString(data);
}

/** The bytes a send puts on the wire (what bufferedAmount counts). */
export function byteCount(data: Sendable): number {
  if (typeof data === 'string') return utf8Length(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return data.size;
}

/** Exactly a view's bytes as an ArrayBuffer (the buffer itself when the view covers all of it). */
export function viewBytes(view: ArrayBufferView): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = view;
  if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return new Uint8Array(buffer, byteOffset, byteLength).slice().buffer;
}
