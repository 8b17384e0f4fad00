/**
 * Maps what `ws` and Node's net/tls/dns throw to minisocket's stable codes and ASCII
 * details, so no engine's wording or localization reaches an errMsg.
 */
import { ErrCode } from '../errors.js';
import { notWritten, type EngineFailure } from './engine.js';

/** Close codes ws sends for each receiver error (RFC 6455 section 7.4.1). */
const RECEIVER_ERRORS: Record<string, { code: EngineFailure['code']; closeCode: number }> = {
  WS_ERR_INVALID_UTF8: { code: ErrCode.INVALID_UTF8, closeCode: 1007 },
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: { code: ErrCode.MESSAGE_TOO_BIG, closeCode: 1009 },
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: { code: ErrCode.MESSAGE_TOO_BIG, closeCode: 1009 }
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
// OpenSSL's verification codes and Node's own TLS codes; EPROTO is what a wss: dial to a plain-text server gets.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO$)/;

export function classifyWsError(error: Error, maxPayload: number): EngineFailure & { closeCode?: number } {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const receiver = RECEIVER_ERRORS[code];
  if (receiver) {
    const detail = receiver.code === ErrCode.MESSAGE_TOO_BIG ? String(maxPayload) : undefined;
    return { code: receiver.code, detail, cause: error, closeCode: receiver.closeCode };
  }
  if (code.startsWith('WS_ERR_')) return { code: ErrCode.PROTOCOL_ERROR, detail: code, cause: error, closeCode: 1002 };
  if (DNS_CODES.has(code))
    return { code: ErrCode.DNS_FAILED, detail: `${code} ${(error as { hostname?: string }).hostname ?? ''}`.trim(), cause: error };
  if (REFUSED_CODES.has(code)) return { code: ErrCode.CONNECTION_REFUSED, detail: addressOf(error, code), cause: error };
  if (TLS_CODE.test(code)) return { code: ErrCode.TLS_FAILED, detail: code, cause: error };

  const status = /^Unexpected server response: (\d+)$/.exec(error.message);
  if (status) return { code: ErrCode.BAD_RESPONSE_STATUS, detail: status[1], cause: error, statusCode: Number(status[1]) };
  if (error.message === 'Server sent no subprotocol')
    return { code: ErrCode.NO_AGREED_PROTOCOL, detail: 'the server chose none', cause: error };
  if (error.message === 'Server sent a subprotocol but none was requested') {
    return { code: ErrCode.NO_AGREED_PROTOCOL, detail: 'the server chose one though none was offered', cause: error };
  }
  if (error.message === 'Server sent an invalid subprotocol') {
    return { code: ErrCode.NO_AGREED_PROTOCOL, detail: 'the server chose one that was not offered', cause: error };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || error.message === 'socket hang up') {
    return { code: ErrCode.HANDSHAKE_FAILED, detail: 'the connection was closed during the handshake', cause: error };
  }
  if (error instanceof SyntaxError || /Sec-WebSocket|header/i.test(error.message)) {
    return { code: ErrCode.HANDSHAKE_FAILED, detail: asciiOnly(error.message), cause: error };
  }
  return { code: ErrCode.SYSTEM_ERROR, detail: code || asciiOnly(error.message), cause: error };
}

function addressOf(error: Error, code: string): string {
  const { address, port } = error as { address?: string; port?: number };
  return address === undefined ? code : `${code} ${address}${port === undefined ? '' : `:${port}`}`;
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** Write errors that say the connection ended under the message (POSIX and Node stream codes). */
const CONNECTION_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** A send callback's error as the task should see it: not written when the connection is gone, else as it is. */
export function classifyWriteError(error: Error): Error {
  return CONNECTION_GONE.has((error as NodeJS.ErrnoException).code ?? '') ? notWritten(error) : error;
}
