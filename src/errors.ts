/**
 * Every errCode and errMsg minisocket produces, in one table.
 *
 * The uni-app x codes are used where uni-app x defines one (600009, 10001, 10002,
 * 602001); every other failure has a code of minisocket's own in the 61xxxx range, so
 * that a caller can branch on `errCode` and never has to parse `errMsg`.
 * Messages are plain ASCII English and stable: tests and users may match them.
 */

/** The three API names an errMsg can start with (the task methods report as the globals, as WeChat does). */
export type ApiName = 'connectSocket' | 'sendSocketMessage' | 'closeSocket';

export const ErrCode = {
  /** uni-app x: the URL is not a valid ws:/wss: URL. */
  INVALID_URL: 600009,
  /** uni-app x: the bytes waiting to be written would exceed 16 MiB. */
  SEND_QUEUE_FULL: 10001,
  /** uni-app x: the socket is not open. */
  NOT_CONNECTED: 10002,
  /** uni-app x: any other failure of the engine underneath. */
  SYSTEM_ERROR: 602001,

  INVALID_OPTIONS: 610001,
  INVALID_HEADER: 610002,
  INVALID_PROTOCOLS: 610003,
  INVALID_TIMEOUT: 610004,
  INVALID_METHOD: 610005,
  INVALID_DATA_OPTION: 610006,
  INVALID_SEND_DATA: 610007,
  INVALID_CLOSE_CODE: 610008,
  INVALID_CLOSE_REASON: 610009,
  DOMAIN_NOT_ALLOWED: 610010,
  WSS_REQUIRED: 610011,
  TOO_MANY_CONNECTIONS: 610012,

  TIMEOUT: 610020,
  CONNECTION_REFUSED: 610021,
  DNS_FAILED: 610022,
  TLS_FAILED: 610023,
  BAD_RESPONSE_STATUS: 610024,
  NO_AGREED_PROTOCOL: 610025,
  HANDSHAKE_FAILED: 610026,

  PROTOCOL_ERROR: 610030,
  INVALID_UTF8: 610031,
  MESSAGE_TOO_BIG: 610032,
  CLOSED_BEFORE_WRITE: 610033,
  HEARTBEAT_TIMEOUT: 610034,
  /** The connection ended before the engine confirmed the message written, and the engine cannot tell whether it was (a WHATWG WebSocket). */
  UNKNOWN_IF_WRITTEN: 610035,

  QUEUE_OVERFLOW: 610040,
  GAVE_UP: 610041,
  REDIAL_REFUSED: 610042
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
  [ErrCode.INVALID_URL]: 'invalid url "%s"',
  [ErrCode.SEND_QUEUE_FULL]: 'send queue exceeds 16 MiB, the connection will be closed',
  [ErrCode.NOT_CONNECTED]: 'WebSocket is not connected',
  [ErrCode.SYSTEM_ERROR]: 'system error: %s',
  [ErrCode.INVALID_OPTIONS]: 'invalid options: %s',
  [ErrCode.INVALID_HEADER]: 'invalid header: %s',
  [ErrCode.INVALID_PROTOCOLS]: 'invalid protocols: %s',
  [ErrCode.INVALID_TIMEOUT]: 'invalid timeout: %s',
  [ErrCode.INVALID_METHOD]: 'invalid method: %s',
  [ErrCode.INVALID_DATA_OPTION]: 'invalid data: %s',
  [ErrCode.INVALID_SEND_DATA]: 'data must be string or ArrayBuffer',
  [ErrCode.INVALID_CLOSE_CODE]: 'invalid code %s: must be 1000 or between 3000 and 4999',
  [ErrCode.INVALID_CLOSE_REASON]: 'invalid reason: %s',
  [ErrCode.DOMAIN_NOT_ALLOWED]: 'url not in domain list: %s',
  [ErrCode.WSS_REQUIRED]: 'wss required: %s',
  [ErrCode.TOO_MANY_CONNECTIONS]: 'reach max websocket connect count %s',
  [ErrCode.TIMEOUT]: 'timeout',
  [ErrCode.CONNECTION_REFUSED]: 'connection refused: %s',
  [ErrCode.DNS_FAILED]: 'dns lookup failed: %s',
  [ErrCode.TLS_FAILED]: 'tls handshake failed: %s',
  [ErrCode.BAD_RESPONSE_STATUS]: 'unexpected response status %s',
  [ErrCode.NO_AGREED_PROTOCOL]: 'no agreed subprotocol: %s',
  [ErrCode.HANDSHAKE_FAILED]: 'handshake failed: %s',
  [ErrCode.PROTOCOL_ERROR]: 'protocol error: %s',
  [ErrCode.INVALID_UTF8]: 'invalid UTF-8 in a text message',
  [ErrCode.MESSAGE_TOO_BIG]: 'message too big: over %s bytes',
  [ErrCode.CLOSED_BEFORE_WRITE]: 'the connection closed before the message was written',
  [ErrCode.HEARTBEAT_TIMEOUT]: 'heartbeat timeout: no pong within %s ms',
  [ErrCode.UNKNOWN_IF_WRITTEN]: 'the connection closed: unknown whether the message was written',
  [ErrCode.QUEUE_OVERFLOW]: 'offline queue full: %s',
  [ErrCode.GAVE_UP]: 'gave up reconnecting: %s',
  [ErrCode.REDIAL_REFUSED]: 'beforeRedial failed: %s'
};

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
