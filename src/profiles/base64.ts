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
  return btoa(binary);
}

/**
 * The bytes of a base64 string as an ArrayBuffer of exactly that length, or undefined when
 * the text is not base64. atob's forgiving rules apply: ASCII whitespace is skipped and the
 * trailing `=` padding may be left out; any other character outside the alphabet fails.
 */
export function decodeBase64(text: string): ArrayBuffer | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}
