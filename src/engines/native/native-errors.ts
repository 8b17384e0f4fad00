/**
 * What a native runtime's fail and error results mean, in minisocket's codes. Runtimes
 * mostly give `errMsg` text only (WeChat's results carry no errCode; Dimina, which copies
 * WeChat, gives "only errMsg", field notes section 5), sometimes localized, so the known
 * texts are matched here, in the engine, and nowhere else. The native text never reaches
 * an errMsg (contract: errMsg is stable ASCII English); the whole native result goes to
 * `cause`. Anything not recognised is 602001 (uni-app x's "system error").
 */
import * as Code from '../../codes.js';
import { isErrCode, type ErrCodeValue } from '../../errors.js';
import { notWritten, type EngineFailure } from '../engine.js';
import { read } from './native-api.js';

/** Known native texts. */
const TEXTS: ReadonlyArray<readonly [RegExp, ErrCodeValue]> = [
  // WeChat's limit text, doubled "fail" and all (SPEC section 8), and Taro H5's
  // ("同时最多发起 5 个 socket 请求", @tarojs/taro-h5 dist/api/network/websocket/index.js).
  [/reach max websocket connect count|同时最多发起/, Code.TOO_MANY_CONNECTIONS],
  // Alipay's error 3 without `multiple: true`: a global socket already exists.
  [/already exists/i, Code.TOO_MANY_CONNECTIONS],
  // WeChat's domain allowlist refusal ("url not in domain list").
  [/not in domain list/i, Code.DOMAIN_NOT_ALLOWED],
  // WeChat "invalid url", Taro H5 'request:fail invalid url "..."'.
  [/invalid url/i, Code.INVALID_URL],
  // WeChat's 60 s connect timeout (wx seed tip 1) and Android's "timed out"/"超时".
  [/time ?out|timed out|超时/i, Code.TIMEOUT],
  // WeChat "WebSocket is not connected" (field notes 1.1 §3, weapp.socket.io#18), Taro H5
  // "SocketTask.readState is not OPEN", uni-app "未连接".
  [/not connected|is not OPEN|未连接/i, Code.NOT_CONNECTED]
];

/** Alipay's connectSocket `error` numbers (its docs: 2 bad parameter, 3 a socket exists, 4 bad URL, 5 not ws/wss, 20 wss required). */
const ALIPAY: Partial<Record<number, ErrCodeValue>> = {
  2: Code.INVALID_OPTIONS,
  3: Code.TOO_MANY_CONNECTIONS,
  4: Code.INVALID_URL,
  5: Code.INVALID_URL,
  20: Code.WSS_REQUIRED
};

/** The text a result carries (errMsg, else Alipay's errorMessage, else a thrown Error's message). */
function textOf(result: unknown): string {
  for (const key of ['errMsg', 'errorMessage', 'message']) {
    const value = read(result, key);
    if (typeof value === 'string') return value;
  }
  return typeof result === 'string' ? result : '';
}

/** minisocket's code for a native result, where it can be known. */
export function knownCode(result: unknown, alipayCodes = false): ErrCodeValue | undefined {
  // uni-app x puts its own codes (600009, 10001, 10002, 602001) in errCode: they are minisocket's too.
  const errCode = read(result, 'errCode');
  if (typeof errCode === 'number' && isErrCode(errCode) && errCode !== Code.SYSTEM_ERROR) return errCode;
  const text = textOf(result);
  for (const [pattern, code] of TEXTS) if (pattern.test(text)) return code;
  const error = read(result, 'error');
  if (alipayCodes && typeof error === 'number') return ALIPAY[error];
  return undefined;
}

/** The %s detail minisocket's own message takes for a code found in a native result. */
function detailFor(code: ErrCodeValue, url: string, text: string): string | undefined {
  switch (code) {
    case Code.INVALID_URL:
    case Code.DOMAIN_NOT_ALLOWED:
    case Code.WSS_REQUIRED:
      return url;
    case Code.TOO_MANY_CONNECTIONS:
      return /\d+/.exec(text)?.[0] ?? 'of the runtime';
    case Code.INVALID_OPTIONS:
      return 'the runtime refused the options';
    default:
      return undefined;
  }
}

/**
 * A failure of connectSocket itself (its fail callback, a throw, a rejected Promise):
 * the known code, else 602001 with `fallback` as detail; the native result is the cause.
 */
export function connectFailure(result: unknown, url: string, fallback: string): EngineFailure {
  const code = knownCode(result, true);
  if (code === undefined) return { code: Code.SYSTEM_ERROR, detail: fallback, cause: result };
  return { code, detail: detailFor(code, url, textOf(result)), cause: result };
}

/**
 * A task's onError: before open it is a failed handshake (a runtime does not say why:
 * refused, DNS, TLS and HTTP status look alike), after open the connection failed under
 * us. A recognised text (a timeout) keeps its code.
 */
export function errorFailure(result: unknown, opened: boolean): EngineFailure {
  const code = knownCode(result);
  if (code !== undefined && code !== Code.NOT_CONNECTED) return { code, detail: detailFor(code, '', textOf(result)), cause: result };
  return opened
    ? { code: Code.SYSTEM_ERROR, detail: 'the native runtime reported an error on the open connection', cause: result }
    : { code: Code.HANDSHAKE_FAILED, detail: 'the native runtime could not connect (it does not say why)', cause: result };
}

/** Texts of a send that failed because the connection went away under it (POSIX names, as Android and iOS pass them on). */
const GONE = /ECONNRESET|EPIPE|ECONNABORTED|broken pipe|reset by peer|socket is closed|closed/i;

/** A send's fail result as the error its write callback gets: "not connected" or a connection gone means not written. */
export function sendError(result: unknown): Error {
  if (knownCode(result) === Code.NOT_CONNECTED || GONE.test(textOf(result))) return notWritten(result);
  return Object.assign(new Error('the native send failed'), { cause: result });
}
