/**
 * Every errCode and errMsg minisocket produces, in one table.
 *
 * The uni-app x codes are used where uni-app x defines one (600009, 10001, 10002,
 * 602001); every other failure has a code of minisocket's own in the 61xxxx range, so
 * that a caller can branch on `errCode` and never has to parse `errMsg`.
 * Messages are plain ASCII English and stable: tests and users may match them.
 */

import * as Code from './codes.js';

/** The three API names an errMsg can start with (the task methods report as the globals, as WeChat does). */
export type ApiName = 'connectSocket' | 'sendSocketMessage' | 'closeSocket';

export const ErrCode = {
  /** uni-app x: the URL is not a valid ws:/wss: URL. */
  INVALID_URL: Code.INVALID_URL,
  /** uni-app x: the bytes waiting to be written would exceed 16 MiB. */
  SEND_QUEUE_FULL: Code.SEND_QUEUE_FULL,
  /** uni-app x: the socket is not open. */
  NOT_CONNECTED: Code.NOT_CONNECTED,
  /** uni-app x: any other failure of the engine underneath. */
  SYSTEM_ERROR: Code.SYSTEM_ERROR,

  INVALID_OPTIONS: Code.INVALID_OPTIONS,
  INVALID_HEADER: Code.INVALID_HEADER,
  INVALID_PROTOCOLS: Code.INVALID_PROTOCOLS,
  INVALID_TIMEOUT: Code.INVALID_TIMEOUT,
  INVALID_METHOD: Code.INVALID_METHOD,
  INVALID_DATA_OPTION: Code.INVALID_DATA_OPTION,
  INVALID_SEND_DATA: Code.INVALID_SEND_DATA,
  INVALID_CLOSE_CODE: Code.INVALID_CLOSE_CODE,
  INVALID_CLOSE_REASON: Code.INVALID_CLOSE_REASON,
  DOMAIN_NOT_ALLOWED: Code.DOMAIN_NOT_ALLOWED,
  WSS_REQUIRED: Code.WSS_REQUIRED,
  TOO_MANY_CONNECTIONS: Code.TOO_MANY_CONNECTIONS,

  TIMEOUT: Code.TIMEOUT,
  CONNECTION_REFUSED: Code.CONNECTION_REFUSED,
  DNS_FAILED: Code.DNS_FAILED,
  TLS_FAILED: Code.TLS_FAILED,
  BAD_RESPONSE_STATUS: Code.BAD_RESPONSE_STATUS,
  NO_AGREED_PROTOCOL: Code.NO_AGREED_PROTOCOL,
  HANDSHAKE_FAILED: Code.HANDSHAKE_FAILED,

  PROTOCOL_ERROR: Code.PROTOCOL_ERROR,
  INVALID_UTF8: Code.INVALID_UTF8,
  MESSAGE_TOO_BIG: Code.MESSAGE_TOO_BIG,
  CLOSED_BEFORE_WRITE: Code.CLOSED_BEFORE_WRITE,
  HEARTBEAT_TIMEOUT: Code.HEARTBEAT_TIMEOUT,
  /** The connection ended before the engine confirmed the message written, and the engine cannot tell whether it was (a WHATWG WebSocket). */
  UNKNOWN_IF_WRITTEN: Code.UNKNOWN_IF_WRITTEN,

  QUEUE_OVERFLOW: Code.QUEUE_OVERFLOW,
  GAVE_UP: Code.GAVE_UP,
  REDIAL_REFUSED: Code.REDIAL_REFUSED
} as const;

export type ErrCodeValue = (typeof ErrCode)[keyof typeof ErrCode];

/** The payload of every `fail` callback and every `onError` event. */
export interface SocketError {
  errMsg: string;
  errCode: number;
  /** Set by the `uni` profile only. */
  errSubject?: string;
  /** Set by the `my` profile only: Alipay's error code (its own where its docs name one, else errCode). */
  error?: number;
  /** Set by the `my` profile only: Alipay's message (the errMsg after "<api>:fail "). */
  errorMessage?: string;
  /** The underlying error, where there is one (always present on the `uni` profile when known). */
  cause?: unknown;
  /** The HTTP status the server answered a refused handshake with (errCode 610024), where the engine can see it. */
  statusCode?: number;
}

/** The reason part of each errMsg, keyed by code; `detail` fills the `%s`. */
const REASONS: Record<ErrCodeValue, string> = {
  [Code.INVALID_URL]: 'invalid url "%s"',
  [Code.SEND_QUEUE_FULL]: 'send queue exceeds 16 MiB, the connection will be closed',
  [Code.NOT_CONNECTED]: 'WebSocket is not connected',
  [Code.SYSTEM_ERROR]: 'system error: %s',
  [Code.INVALID_OPTIONS]: 'invalid options: %s',
  [Code.INVALID_HEADER]: 'invalid header: %s',
  [Code.INVALID_PROTOCOLS]: 'invalid protocols: %s',
  [Code.INVALID_TIMEOUT]: 'invalid timeout: %s',
  [Code.INVALID_METHOD]: 'invalid method: %s',
  [Code.INVALID_DATA_OPTION]: 'invalid data: %s',
  [Code.INVALID_SEND_DATA]: 'data must be string or ArrayBuffer',
  [Code.INVALID_CLOSE_CODE]: 'invalid code %s: must be 1000 or between 3000 and 4999',
  [Code.INVALID_CLOSE_REASON]: 'invalid reason: %s',
  [Code.DOMAIN_NOT_ALLOWED]: 'url not in domain list: %s',
  [Code.WSS_REQUIRED]: 'wss required: %s',
  [Code.TOO_MANY_CONNECTIONS]: 'reach max websocket connect count %s',
  [Code.TIMEOUT]: 'timeout',
  [Code.CONNECTION_REFUSED]: 'connection refused: %s',
  [Code.DNS_FAILED]: 'dns lookup failed: %s',
  [Code.TLS_FAILED]: 'tls handshake failed: %s',
  [Code.BAD_RESPONSE_STATUS]: 'unexpected response status %s',
  [Code.NO_AGREED_PROTOCOL]: 'no agreed subprotocol: %s',
  [Code.HANDSHAKE_FAILED]: 'handshake failed: %s',
  [Code.PROTOCOL_ERROR]: 'protocol error: %s',
  [Code.INVALID_UTF8]: 'invalid UTF-8 in a text message',
  [Code.MESSAGE_TOO_BIG]: 'message too big: over %s bytes',
  [Code.CLOSED_BEFORE_WRITE]: 'the connection closed before the message was written',
  [Code.HEARTBEAT_TIMEOUT]: 'heartbeat timeout: no pong within %s ms',
  [Code.UNKNOWN_IF_WRITTEN]: 'the connection closed: unknown whether the message was written',
  [Code.QUEUE_OVERFLOW]: 'offline queue full: %s',
  [Code.GAVE_UP]: 'gave up reconnecting: %s',
  [Code.REDIAL_REFUSED]: 'beforeRedial failed: %s'
};

/** Whether `code` is one of minisocket's errCodes (REASONS has one entry per code, which its type enforces). */
export function isErrCode(code: number): code is ErrCodeValue {
  // A number key: nothing on Object.prototype answers it.
  return REASONS[code as ErrCodeValue] !== undefined;
}

/**
 * A finer reason than errCode, where a platform tells two failures of one code apart:
 * `globalExists` (a second global socket, Alipay's error 3, errCode TOO_MANY_CONNECTIONS)
 * and `notWsScheme` (a URL whose scheme is not ws/wss, Alipay's error 5, errCode INVALID_URL).
 */
export type FailureReason = 'globalExists' | 'notWsScheme';

/** What failed, as the code that found it knows it; `formatError` turns it into a SocketError. */
export interface Failure {
  api: ApiName;
  code: ErrCodeValue;
  /** Fills the `%s` of the reason text. */
  detail?: string | number | undefined;
  cause?: unknown;
  /** A refused handshake's HTTP status. */
  statusCode?: number | undefined;
  reason?: FailureReason | undefined;
}

/** The reason texts that have no errCode of their own. */
const FINER_REASONS: Record<FailureReason, string | undefined> = {
  globalExists: 'a global socket already exists: close it with closeSocket first',
  notWsScheme: undefined // INVALID_URL's own text
};

/**
 * A profile's error wording, as data (src/profiles/ fills it, only this module reads it).
 */
export interface ErrorTexts {
  /** Reason texts (the part after "<api>:fail ") that replace minisocket's, by errCode or finer reason; `%s` is the detail. */
  readonly texts?: Readonly<Partial<Record<ErrCodeValue | FailureReason, string>>>;
  /** Fields added to every fail and error result (uni-app x: errSubject). */
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * Alipay: every result gets `error` (the number named here for its API, by finer reason
   * then errCode, else the errCode itself) and `errorMessage` (the reason text).
   */
  readonly alipay?: Readonly<Partial<Record<ApiName, Readonly<Partial<Record<ErrCodeValue | FailureReason, number>>>>>>;
}

/** The success results: a fresh object each time, as the platforms hand out (callbacks may add to it). */
export const sendOk = (): { errMsg: 'sendSocketMessage:ok' } => ({ errMsg: 'sendSocketMessage:ok' });
export const closeOk = (): { errMsg: 'closeSocket:ok' } => ({ errMsg: 'closeSocket:ok' });
export const CONNECT_OK = 'connectSocket:ok' as const;

/** The reason text of a failure under a profile, `%s` filled with the detail. */
function reasonText(failure: Failure, wording: ErrorTexts | undefined): string {
  const own = wording?.texts;
  const finer = failure.reason;
  const template =
    (finer !== undefined ? (own?.[finer] ?? FINER_REASONS[finer]) : undefined) ?? own?.[failure.code] ?? REASONS[failure.code];
  // A function replacement: `$&`, `$'` and the like in a detail (a URL, say) stay literal.
  const text = failure.detail === undefined ? '' : String(failure.detail);
  return template.replace('%s', () => text);
}

/** Builds the SocketError of a failure: `<api>:fail <reason>`, errCode, and the profile's fields. The one place an errMsg is made. */
export function formatError(failure: Failure, wording?: ErrorTexts): SocketError {
  const reason = reasonText(failure, wording);
  const error: SocketError = { errMsg: `${failure.api}:fail ${reason}`, errCode: failure.code };
  if (failure.cause !== undefined) error.cause = failure.cause;
  if (failure.statusCode !== undefined) error.statusCode = failure.statusCode;
  if (wording === undefined) return error;
  if (wording.fields !== undefined) Object.assign(error, wording.fields);
  if (wording.alipay !== undefined) {
    const numbers = wording.alipay[failure.api];
    const finer = failure.reason;
    error.error = (finer !== undefined ? numbers?.[finer] : undefined) ?? numbers?.[failure.code] ?? failure.code;
    error.errorMessage = reason;
  }
  return error;
}

/** A failure with minisocket's own wording (no profile): engine-free code and tests. */
export function socketError(api: ApiName, code: ErrCodeValue, detail?: string | number, cause?: unknown): SocketError {
  return formatError({ api, code, detail, cause });
}

/** Non-Error values and Errors alike become a short ASCII description for a %s slot. */
export function describe(value: unknown): string {
  // Anything can be thrown or passed in (a Proxy whose traps throw, a revoked Proxy, an
  // object whose toString throws): describing it must never throw in turn.
  try {
    if (value instanceof Error) return String(value.message);
  } catch {
    // fall through to the generic forms
  }
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '<unprintable value>';
    }
  }
}
