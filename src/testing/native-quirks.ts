/**
 * What a native runtime does that minisocket's contract does not allow, each switchable
 * in the stand-in (native-standin.ts), each with the source that documents or reports it,
 * and the runtimes that do it by default.
 */

export interface NativeQuirks {
  /**
   * Callbacks and events a call causes run inside the call: connectSocket's success/fail,
   * send's and close's success/fail, and close()'s onClose. Taro H5 calls send's success
   * inside send (@tarojs/taro-h5 socketTask.js); hand-written `wx` mocks fire onOpen inside
   * the call (dcloudio/uni-app packages/uni-console/__tests__/socket.spec.ts); partysocket
   * dispatches close inside close() (cloudflare/partykit PR#403).
   */
  syncEvents: boolean;
  /** A failure fires onError and never onClose: the uni-app App (dcloudio/uni-app#1619). */
  errorWithoutClose: boolean;
  /** onClose comes before onError (reported against runtimes in minisocket issue 12). */
  closeBeforeError: boolean;
  /** onClose fires twice (reported in minisocket issue 12; jest-websocket-mock#33 does it too). */
  doubleClose: boolean;
  /** onClose gets no code and no reason (dcloudio/unidocs-en PR#3: onSocketClose's arguments). */
  bareClose: boolean;
  /**
   * close() on a task still connecting: 'works' aborts it, 'ignored' answers success and
   * does nothing, 'fails' calls fail. WeChat's and Baidu's docs: "如果 connectSocket 还没回调
   * onSocketOpen，而先调用 closeSocket，那么就做不到关闭 WebSocket 的目的" (wx and swan seeds).
   */
  closeWhileConnecting: 'works' | 'ignored' | 'fails';
  /** Task methods throw once the task closed (dcloudio/uni-app#1372: close() throws). */
  throwWhenClosed: boolean;
  /** connectSocket returns a Promise of the task (Taro, taro seed). */
  promise: boolean;
  /** connectSocket returns nothing, even with `multiple: true`: the global functions drive one socket, binary as base64 with isBuffer (Alipay before `multiple`; MQTT.js PR#1057). */
  noTask: boolean;
  /** Fail and error results carry errMsg only, no errCode (WeChat; Dimina "results carry only errMsg", field notes section 5). */
  noErrCode: boolean;
  /** Fail results are Alipay's `{ error, errorMessage }` (Alipay's docs). */
  alipayResults: boolean;
  /** send's success runs inside send, once the message is queued, not written (Taro H5 socketTask.js; dcloudio/uni-app#744). */
  sendSuccessEarly: boolean;
  /** close() sends no close code or reason: the server sees 1005 (Taro H5: `this.ws.close()`). */
  noCloseCode: boolean;
  /** onClose reports what close() asked for, or { 1006, 'abnormal closure' } whatever the server sent (Taro H5 socketTask.js). */
  madeUpClose: boolean;
  /** Binary messages arrive as Blob (Taro H5 leaves binaryType 'blob'; dcloudio/uni-app#753). */
  blob: boolean;
  /** Each onX replaces the previous listener (Taro H5: `this.ws.onopen = func`). */
  singleListener: boolean;
  /** The header option is not sent and onOpen gets no header (Taro H5; NervJS/taro#14220). */
  noHeaders: boolean;
}

export type NativeRuntime = 'wx' | 'tt' | 'swan' | 'qq' | 'ks' | 'my' | 'uni' | 'taro' | 'taro-h5';

export const NO_QUIRKS: NativeQuirks = {
  syncEvents: false,
  errorWithoutClose: false,
  closeBeforeError: false,
  doubleClose: false,
  bareClose: false,
  closeWhileConnecting: 'works',
  throwWhenClosed: false,
  promise: false,
  noTask: false,
  noErrCode: false,
  alipayResults: false,
  sendSuccessEarly: false,
  noCloseCode: false,
  madeUpClose: false,
  blob: false,
  singleListener: false,
  noHeaders: false
};

/** Each runtime's documented behaviour, as quirks switched on by default. */
export const RUNTIME_QUIRKS: Record<NativeRuntime, Partial<NativeQuirks>> = {
  wx: { noErrCode: true, closeWhileConnecting: 'ignored' },
  tt: { noErrCode: true },
  swan: { noErrCode: true, closeWhileConnecting: 'ignored' },
  qq: { noErrCode: true },
  ks: { noErrCode: true },
  my: { noErrCode: true, alipayResults: true },
  uni: {},
  taro: { noErrCode: true, promise: true, closeWhileConnecting: 'ignored' },
  'taro-h5': {
    noErrCode: true,
    promise: true,
    syncEvents: true,
    sendSuccessEarly: true,
    noCloseCode: true,
    madeUpClose: true,
    blob: true,
    singleListener: true,
    noHeaders: true
  }
};

/** The runtime's connection limit (a slot is held until the native socket closed): WeChat 5 and the runtimes that copy it, Taro 5. */
export const RUNTIME_LIMITS: Record<NativeRuntime, number> = {
  wx: 5,
  tt: 5,
  swan: Infinity,
  qq: 5,
  ks: 5,
  my: Infinity,
  uni: Infinity,
  taro: 5,
  'taro-h5': 5
};

/** The limit text each runtime fails with, after "connectSocket:fail " (WeChat's: docs/contract.md section 8; Taro H5's: its index.js). */
export function limitText(runtime: NativeRuntime, limit: number): string {
  return runtime === 'taro-h5'
    ? `同时最多发起 ${limit} 个 socket 请求，更多请参考文档。`
    : `fail reach max websocket connect count ${limit}`;
}

/** Every quirk name, for tests that switch each on in turn. */
export const QUIRK_NAMES = Object.keys(NO_QUIRKS) as Array<keyof NativeQuirks>;
