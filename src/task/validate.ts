/**
 * Input rules of docs/contract.md section 2 and 3: each validator returns the normalized value or an
 * `Invalid` naming the errCode and detail. Nothing here throws.
 */
import * as Code from '../codes.js';
import { parseUrl, type UrlLike } from '../url.js';
import { describe, type ErrCodeValue, type FailureReason } from '../errors.js';
import { utf8Length } from '../utf8.js';
import { readProperty } from './callbacks.js';

/**
 * A refused input: the errCode and detail. A class, so that telling it from a valid result
 * (a URL, an array, a number) is one `instanceof`, not a property read on many shapes.
 */
export class Invalid {
  readonly invalid = true;
  constructor(
    readonly code: ErrCodeValue,
    readonly detail?: string | undefined,
    readonly cause?: unknown,
    /** A finer reason than the code, where a platform tells them apart (src/errors.ts). */
    readonly reason?: FailureReason | undefined
  ) {}
}

export function invalid(code: ErrCodeValue, detail?: string, cause?: unknown, reason?: FailureReason): Invalid {
  return new Invalid(code, detail, cause, reason);
}

export function isInvalid(value: unknown): value is Invalid {
  return value instanceof Invalid;
}

// RFC 7230 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 7230 field-value characters (after CR, LF and NUL were refused with their own message).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Whitespace and C0/DEL controls are never part of a URL the platforms accept.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const URL_FORBIDDEN = /[\s\u0000-\u001f\u007f]/;

// What a URL given as ws:// or wss:// starts with; anything else is a scheme the platforms refuse outright.
const WS_SCHEME = /^wss?:\/\//i;

/** A ws:/wss: URL with a host, no fragment, no whitespace (WHATWG's WebSocket rules plus the platforms'). */
export function validateUrl(url: unknown): UrlLike | Invalid {
  if (typeof url !== 'string' || URL_FORBIDDEN.test(url) || url.includes('#')) return badUrl(url);
  let parsed: UrlLike;
  try {
    parsed = parseUrl(url);
  } catch (cause) {
    return badUrl(url, cause);
  }
  if ((parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') || parsed.hostname === '') return badUrl(url);
  return parsed;
}

/** A refused URL, shown as given; one that is no ws:/wss: URL at all has its own reason. */
function badUrl(url: unknown, cause?: unknown): Invalid {
  const shown = describe(url);
  return invalid(Code.INVALID_URL, shown, cause, WS_SCHEME.test(shown) ? undefined : 'notWsScheme');
}

/**
 * Handshake headers the platforms never let a caller set: dropped, with a warning. The
 * framing headers are among them: Node frames a request that names `Transfer-Encoding:
 * chunked` as chunked and appends a terminator, which the server then reads as a bad
 * WebSocket frame (issue 11, finding 7).
 */
const FORBIDDEN_HEADERS = new Set([
  'referer',
  'host',
  'connection',
  'upgrade',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'keep-alive',
  'proxy-connection',
  'expect'
]);

export function isForbiddenHeader(lowerName: string): boolean {
  return FORBIDDEN_HEADERS.has(lowerName) || lowerName.startsWith('sec-websocket-');
}

export interface Headers {
  headers: Record<string, string>;
  dropped: string[];
}

export function validateHeader(header: unknown): Headers | Invalid {
  const result: Headers = { headers: {}, dropped: [] };
  if (header === undefined || header === null) return result;
  if (typeof header !== 'object' || Array.isArray(header)) {
    return invalid(Code.INVALID_HEADER, 'must be an object');
  }
  let names: string[];
  try {
    names = Object.keys(header);
  } catch (cause) {
    return invalid(Code.INVALID_HEADER, describe(cause), cause);
  }
  // Header names are case-insensitive (RFC 9110 section 5.1): two keys that differ only in
  // case are one header given twice, and which value wins would be the engine's accident.
  const seen = new Map<string, string>();
  for (const name of names) {
    if (!TOKEN.test(name)) return invalid(Code.INVALID_HEADER, `name ${JSON.stringify(name)} is not a token`);
    const lower = name.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      return invalid(Code.INVALID_HEADER, `${JSON.stringify(earlier)} and ${JSON.stringify(name)} name the same header`);
    }
    seen.set(lower, name);
    let raw: unknown;
    try {
      raw = (header as Record<string, unknown>)[name];
    } catch (cause) {
      return invalid(Code.INVALID_HEADER, `reading ${name}: ${describe(cause)}`, cause);
    }
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      return invalid(Code.INVALID_HEADER, `value of ${name} must be a string, number or boolean`);
    }
    const value = String(raw);
    if (/[\r\n\0]/.test(value)) return invalid(Code.INVALID_HEADER, `value of ${name} contains CR, LF or NUL`);
    // RFC 7230 field-value: tab, visible ASCII, and obs-text bytes; nothing an HTTP client would refuse later.
    if (!FIELD_VALUE.test(value)) return invalid(Code.INVALID_HEADER, `value of ${name} has a control character or one outside Latin-1`);
    if (isForbiddenHeader(name.toLowerCase())) result.dropped.push(name);
    else result.headers[name] = value;
  }
  return result;
}

export function validateProtocols(protocols: unknown, acceptString: boolean): string[] | Invalid {
  if (protocols === undefined || protocols === null) return [];
  const list = typeof protocols === 'string' && acceptString ? [protocols] : protocols;
  if (!Array.isArray(list)) return invalid(Code.INVALID_PROTOCOLS, 'must be an array of strings');
  const seen = new Set<string>();
  for (const p of list) {
    if (typeof p !== 'string' || !TOKEN.test(p)) {
      return invalid(Code.INVALID_PROTOCOLS, `${JSON.stringify(describe(p))} is not a token`);
    }
    if (seen.has(p)) return invalid(Code.INVALID_PROTOCOLS, `duplicate ${JSON.stringify(p)}`);
    seen.add(p);
  }
  return list as string[];
}

// Node's timers hold at most 2^31-1 ms; a larger value would fire at once.
const MAX_TIMEOUT = 2 ** 31 - 1;

export function validateTimeout(timeout: unknown, fallback: number): number | Invalid {
  if (timeout === undefined || timeout === null) return fallback;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    return invalid(Code.INVALID_TIMEOUT, `${describe(timeout)} is not a number of milliseconds between 1 and ${MAX_TIMEOUT}`);
  }
  return timeout;
}

// The methods the 2018 WeChat document lists; a WebSocket handshake is always GET.
const LEGACY_METHODS = new Set(['OPTIONS', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']);

/** Returns 'GET', a legacy method name to warn about, or Invalid. */
export function validateMethod(method: unknown): string | Invalid {
  if (method === undefined || method === null) return 'GET';
  if (typeof method !== 'string') return invalid(Code.INVALID_METHOD, describe(method));
  const upper = method.toUpperCase();
  if (upper === 'GET' || LEGACY_METHODS.has(upper)) return upper;
  return invalid(Code.INVALID_METHOD, JSON.stringify(method));
}

/** Appends the old WeChat/Alipay `data` object to the query string. */
export function applyData(url: UrlLike, data: unknown): UrlLike | Invalid {
  if (data === undefined || data === null) return url;
  if (typeof data !== 'object' || Array.isArray(data)) return invalid(Code.INVALID_DATA_OPTION, 'must be an object');
  try {
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      url.searchParams.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
    }
  } catch (cause) {
    return invalid(Code.INVALID_DATA_OPTION, describe(cause), cause);
  }
  return url;
}

/** Reads close()'s code and reason once; a getter that throws is INVALID_OPTIONS. */
export function readClose(options: unknown): { code: unknown; reason: unknown } | Invalid {
  if (typeof options !== 'object' || options === null) return { code: undefined, reason: undefined };
  const code = readProperty(options, 'code');
  const reason = readProperty(options, 'reason');
  const thrown = code.thrown ?? reason.thrown;
  if (thrown !== undefined) return invalid(Code.INVALID_OPTIONS, describe(thrown), thrown);
  return { code: code.value, reason: reason.value };
}

/** The WHATWG close() rules, which browsers and the mini-program runtimes enforce. */
export function validateClose(code: unknown, reason: unknown): { code: number; reason: string } | Invalid {
  const c = code === undefined ? 1000 : code;
  if (typeof c !== 'number' || !Number.isInteger(c) || (c !== 1000 && (c < 3000 || c > 4999))) {
    return invalid(Code.INVALID_CLOSE_CODE, describe(c));
  }
  const r = reason === undefined ? '' : reason;
  if (typeof r !== 'string') return invalid(Code.INVALID_CLOSE_REASON, 'must be a string');
  if (utf8Length(r) > 123) return invalid(Code.INVALID_CLOSE_REASON, `${utf8Length(r)} bytes of UTF-8, at most 123 allowed`);
  return { code: c, reason: r };
}

// ArrayBuffer.prototype.byteLength's getter works only on a real ArrayBuffer of any realm:
// a brand check that neither `instanceof` (fooled by Object.create(ArrayBuffer.prototype))
// nor Symbol.toStringTag (fooled by any object) gives.
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

function isRealArrayBuffer(data: object): boolean {
  let length: number;
  try {
    length = arrayBufferByteLength.call(data) as number;
  } catch {
    return false;
  }
  if (length > 0) return true;
  // A detached buffer reads as 0 bytes and cannot be sent: only an empty live one can.
  try {
    new Uint8Array(data as ArrayBuffer);
    return true;
  } catch {
    return false;
  }
}

// A view's own `buffer`/`byteOffset`/`byteLength` may be shadowed by throwing or lying
// getters (issue 11, finding 1): the intrinsic getters read the real slots, and throw only
// for an object that is not that kind of view.
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const intrinsic = (proto: object, name: string): ((this: unknown) => unknown) =>
  Object.getOwnPropertyDescriptor(proto, name)!.get as (this: unknown) => unknown;
const VIEW_SLOTS = [typedArrayProto, DataView.prototype].map((proto) => ({
  buffer: intrinsic(proto, 'buffer'),
  byteOffset: intrinsic(proto, 'byteOffset'),
  byteLength: intrinsic(proto, 'byteLength')
}));

/** A page that is not cross-origin isolated has no SharedArrayBuffer at all. */
const isShared = (buffer: unknown): boolean => typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;

/** The bytes a view covers, as a plain Uint8Array over the same memory; undefined for anything else. Never throws. */
function viewBytes(data: object): Uint8Array | undefined {
  for (const slots of VIEW_SLOTS) {
    let buffer: unknown;
    let offset: unknown;
    let length: unknown;
    try {
      buffer = slots.buffer.call(data);
      offset = slots.byteOffset.call(data);
      length = slots.byteLength.call(data);
    } catch {
      continue;
    }
    if (!isRealArrayBuffer(buffer as object) || isShared(buffer)) return undefined;
    try {
      return new Uint8Array(buffer as ArrayBuffer, offset as number, length as number);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type SendData = string | ArrayBuffer | Uint8Array;

/**
 * What send() may put on the wire: a string, an ArrayBuffer (any realm, not detached) as
 * it is, or (where the profile takes views) a view's exact bytes as a plain Uint8Array
 * read through the intrinsic getters. Undefined for anything else. Never throws.
 */
export function toSendable(data: unknown, acceptViews: boolean): SendData | undefined {
  if (typeof data === 'string') return data;
  if (typeof data !== 'object' || data === null) return undefined;
  if (isRealArrayBuffer(data)) return data as ArrayBuffer;
  return acceptViews ? viewBytes(data) : undefined;
}

export function byteLength(data: string | ArrayBuffer | ArrayBufferView): number {
  return typeof data === 'string' ? utf8Length(data) : data.byteLength;
}
