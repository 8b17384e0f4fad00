/**
 * Every errCode as a constant of its own. `ErrCode` (src/errors.ts) is the public table;
 * the code inside minisocket reads these through `import * as Code`, which a bundler
 * replaces with the number itself (an `ErrCode.X` property read stays a property read in
 * every bundle, and as a computed key it keeps an unused profile alive).
 */

/** uni-app x: the URL is not a valid ws:/wss: URL. */
export const INVALID_URL = 600009;
/** uni-app x: the bytes waiting to be written would exceed 16 MiB. */
export const SEND_QUEUE_FULL = 10001;
/** uni-app x: the socket is not open. */
export const NOT_CONNECTED = 10002;
/** uni-app x: any other failure of the engine underneath. */
export const SYSTEM_ERROR = 602001;

export const INVALID_OPTIONS = 610001;
export const INVALID_HEADER = 610002;
export const INVALID_PROTOCOLS = 610003;
export const INVALID_TIMEOUT = 610004;
export const INVALID_METHOD = 610005;
export const INVALID_DATA_OPTION = 610006;
export const INVALID_SEND_DATA = 610007;
export const INVALID_CLOSE_CODE = 610008;
export const INVALID_CLOSE_REASON = 610009;
export const DOMAIN_NOT_ALLOWED = 610010;
export const WSS_REQUIRED = 610011;
export const TOO_MANY_CONNECTIONS = 610012;

export const TIMEOUT = 610020;
export const CONNECTION_REFUSED = 610021;
export const DNS_FAILED = 610022;
export const TLS_FAILED = 610023;
export const BAD_RESPONSE_STATUS = 610024;
export const NO_AGREED_PROTOCOL = 610025;
export const HANDSHAKE_FAILED = 610026;

export const PROTOCOL_ERROR = 610030;
export const INVALID_UTF8 = 610031;
export const MESSAGE_TOO_BIG = 610032;
export const CLOSED_BEFORE_WRITE = 610033;
export const HEARTBEAT_TIMEOUT = 610034;
/** The connection ended before the engine confirmed the message written, and the engine cannot tell whether it was (a WHATWG WebSocket). */
export const UNKNOWN_IF_WRITTEN = 610035;

export const QUEUE_OVERFLOW = 610040;
export const GAVE_UP = 610041;
export const REDIAL_REFUSED = 610042;
