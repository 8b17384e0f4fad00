/**
 * Raw server-to-client frames (unmasked, RFC 6455 section 5.2), written straight to the
 * TCP socket for the faults `ws` itself refuses to produce.
 */

/** A final frame with `opcode` and `payload`; payloads here are tiny, so lengths over 125 use the 16-bit form only. */
export function rawFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** A text frame whose payload is not UTF-8 (0xff never occurs in UTF-8). */
export const BAD_UTF8_FRAME = rawFrame(0x1, Uint8Array.from([0x61, 0xff, 0xfe]));

/** A frame with opcode 0x3, which RFC 6455 reserves: the client must fail the connection. */
export const RESERVED_OPCODE_FRAME = rawFrame(0x3, new Uint8Array(0));

/** A close frame with any code, even one `ws` would refuse to send (1005, 1006, 999). */
export function rawCloseFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const payload = Buffer.alloc(2 + text.length);
  payload.writeUInt16BE(code & 0xffff, 0);
  text.copy(payload, 2);
  return rawFrame(0x8, payload);
}
