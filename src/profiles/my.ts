import type { OnSocketMessageResult } from '../types.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { Profile } from './profile.js';

/**
 * Alipay's `error` numbers for connectSocket (error 2 invalid parameter, 3 a socket exists,
 * 4 unknown URL format, 5 not ws/wss, 20 wss required); every other failure carries its errCode.
 */
const CONNECT_ERRORS = {
  // Literal errCode keys (a computed key would keep this profile in every bundle); test/profiles checks them against ErrCode.
  globalExists: 3,
  notWsScheme: 5,
  610001: 2, // INVALID_OPTIONS
  610002: 2, // INVALID_HEADER
  610003: 2, // INVALID_PROTOCOLS
  610004: 2, // INVALID_TIMEOUT
  610005: 2, // INVALID_METHOD
  610006: 2, // INVALID_DATA_OPTION
  600009: 4, // INVALID_URL
  610011: 20 // WSS_REQUIRED
};

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
  oneGlobalSocket: true,
  errors: {
    // Alipay's error 3, in ASCII English.
    texts: { globalExists: 'a WebSocket already exists (multiple is not true): close it with closeSocket first' },
    alipay: { connectSocket: CONNECT_ERRORS }
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
