/**
 * Base64 for the `my` profile's `isBuffer` messages, on `atob`/`btoa` (Node 16+ and every
 * browser have them), so that the browser bundle stays free of Node's Buffer.
 */

/** Bytes go through btoa as a "binary string"; fromCharCode takes them in chunks to stay under argument limits. */
const CHUNK = 0x8000;

export function encodeBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(start, start + CHUNK) as unknown as number[]);
  }
  return typeof btoa === 'function' ? btoa(binary) : encodeBinary(binary);
}

/**
 * The bytes of a base64 string as an ArrayBuffer of exactly that length, or undefined when
 * the text is not base64. atob's forgiving rules apply: ASCII whitespace is skipped and the
 * trailing `=` padding may be left out; any other character outside the alphabet fails.
 */
export function decodeBase64(text: string): ArrayBuffer | undefined {
  let binary: string;
  try {
    binary = typeof atob === 'function' ? atob(text) : decodeBinary(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/*
 * atob and btoa as the HTML spec defines them (forgiving decode), for runtimes without
 * them: WeChat's and Alipay's JS engines have neither.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encodeBinary(binary: string): string {
  let out = '';
  for (let i = 0; i < binary.length; i += 3) {
    const a = binary.charCodeAt(i);
    const b = i + 1 < binary.length ? binary.charCodeAt(i + 1) : -1;
    const c = i + 2 < binary.length ? binary.charCodeAt(i + 2) : -1;
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)]!;
    out += b < 0 ? '==' : ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)]! + (c < 0 ? '=' : ALPHABET[c & 63]!);
  }
  return out;
}

function decodeBinary(text: string): string {
  let data = text.replace(/[\t\n\f\r ]/g, '');
  if (data.length % 4 === 0) data = data.replace(/==?$/, '');
  if (data.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(data)) throw new TypeError('not base64');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const char of data) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 255);
    }
  }
  return out;
}
