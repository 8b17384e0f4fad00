import { ErrCode, type SocketError } from '../errors.js';
import type { OnSocketMessageResult } from '../types.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { Profile } from './profile.js';

/** Alipay's text when a second global socket is asked for (its error 3), in ASCII English. */
const EXISTS = 'connectSocket:fail a WebSocket already exists (multiple is not true): close it with closeSocket first';

/** The connectSocket codes Alipay documents (error 2 invalid parameter, 3 exists, 4 unknown URL format, 5 not ws/wss, 20 wss required). */
const CONNECT_ERRORS: Partial<Record<number, number>> = {
  [ErrCode.INVALID_OPTIONS]: 2,
  [ErrCode.INVALID_HEADER]: 2,
  [ErrCode.INVALID_PROTOCOLS]: 2,
  [ErrCode.INVALID_TIMEOUT]: 2,
  [ErrCode.INVALID_METHOD]: 2,
  [ErrCode.INVALID_DATA_OPTION]: 2,
  [ErrCode.INVALID_URL]: 4,
  [ErrCode.WSS_REQUIRED]: 20
};

/** The URL as given inside `invalid url "..."`: a scheme other than ws/wss is Alipay's error 5. */
const NOT_WS_SCHEME = /^connectSocket:fail invalid url "(?![wW][sS][sS]?:\/\/)/;

/** Alipay's `error` for a fail result: its own code where its docs name one, else minisocket's errCode. */
function alipayError(error: SocketError): number {
  if (error.errMsg === EXISTS) return 3;
  if (!error.errMsg.startsWith('connectSocket:')) return error.errCode;
  if (error.errCode === ErrCode.INVALID_URL && NOT_WS_SCHEME.test(error.errMsg)) return 5;
  return CONNECT_ERRORS[error.errCode] ?? error.errCode;
}

/** Reads `multiple` as the core reads options: a getter that throws counts as absent. */
function wantsTask(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  try {
    return (options as { multiple?: unknown }).multiple === true;
  } catch {
    return false;
  }
}

/**
 * Alipay (`my`). connectSocket makes the one global socket, driven by the global
 * functions, and returns nothing, unless the call passes `multiple: true`: then it returns
 * a SocketTask of the usual contract, which the global functions do not see. A second
 * global socket while one is live fails (Alipay's error 3). Fail and error results carry
 * Alipay's `error` and `errorMessage` beside `errMsg` and `errCode`. The global functions
 * carry binary as base64 with `isBuffer`. Default handshake timeout 30 s, as Alipay's.
 */
export const my: Profile = {
  name: 'my',
  globalName: 'my',
  maxConnections: Infinity,
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false,
  defaultTimeout: 30_000,
  ownTask: wantsTask,
  globalExistsMessage: EXISTS,
  decorateError: (error: SocketError): SocketError => {
    const fail = error.errMsg.indexOf(':fail ');
    return { ...error, error: alipayError(error), errorMessage: fail < 0 ? error.errMsg : error.errMsg.slice(fail + 6) };
  },
  globalSendData(options, data) {
    let isBuffer: unknown;
    try {
      isBuffer = (options as { isBuffer?: unknown }).isBuffer;
    } catch {
      return 'reading isBuffer threw';
    }
    if (isBuffer !== true) return { data };
    const bytes = typeof data === 'string' ? decodeBase64(data) : undefined;
    return bytes === undefined ? 'isBuffer: true needs data as a base64 string' : { data: bytes };
  },
  // Alipay's success results (its typings, @mini-types/my): sendSocketMessage `{ success }`,
  // closeSocket `{ message }`, whose text Alipay does not give: minisocket puts its errMsg there.
  globalOk: (api) => (api === 'sendSocketMessage' ? { success: true } : { message: 'closeSocket:ok' }),
  globalMessage: (result: OnSocketMessageResult) =>
    typeof result.data === 'string' ? { data: result.data, isBuffer: false } : { data: encodeBase64(result.data), isBuffer: true }
};
