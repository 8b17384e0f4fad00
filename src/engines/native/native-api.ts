/**
 * The platform object the native engine drives, as the mini-program documents describe
 * it (WeChat, Douyin, Baidu, QQ, Kuaishou, Alipay, uni-app, Taro). Kept structural and
 * loose on purpose: the engine reads every field defensively, because a runtime (or a
 * caller) may hand over something that does not match its own documents.
 */

/** A success/fail result as runtimes pass it: `errMsg` (most), `errCode` (uni-app x), `error`/`errorMessage` (Alipay). */
export interface NativeResult {
  errMsg?: string;
  errCode?: number;
  error?: number;
  errorMessage?: string;
  [key: string]: unknown;
}

export interface NativeCallbacks {
  success?: (result?: NativeResult) => void;
  fail?: (result?: NativeResult) => void;
  complete?: (result?: NativeResult) => void;
}

export interface NativeConnectOptions extends NativeCallbacks {
  url: string;
  header?: Record<string, string>;
  protocols?: string[];
  tcpNoDelay?: boolean;
  perMessageDeflate?: boolean;
  /** Alipay: ask for a SocketTask of its own rather than the one global socket. */
  multiple?: boolean;
}

export interface NativeSendOptions extends NativeCallbacks {
  data: string | ArrayBuffer;
  /** Alipay's global sendSocketMessage: `data` is base64 of binary bytes. */
  isBuffer?: boolean;
}

export interface NativeCloseOptions extends NativeCallbacks {
  code?: number;
  reason?: string;
}

/** The task a platform's connectSocket returns. Any member may be missing or throw. */
export interface NativeTask {
  send(options: NativeSendOptions): unknown;
  close(options: NativeCloseOptions): unknown;
  onOpen(listener: (result?: unknown) => void): unknown;
  onMessage(listener: (result?: unknown) => void): unknown;
  onError(listener: (result?: unknown) => void): unknown;
  onClose(listener: (result?: unknown) => void): unknown;
}

/**
 * The platform's API object: `wx`, `tt`, `swan`, `qq`, `ks`, `my`, `uni`, `Taro`, or
 * anything with a mini-program `connectSocket`. The global socket functions are used only
 * where connectSocket returns no task (Alipay without `multiple: true`).
 */
export interface NativeApi {
  connectSocket(options: NativeConnectOptions): unknown;
  sendSocketMessage?(options: NativeSendOptions): unknown;
  closeSocket?(options: NativeCloseOptions): unknown;
  onSocketOpen?(listener: (result?: unknown) => void): unknown;
  onSocketMessage?(listener: (result?: unknown) => void): unknown;
  onSocketError?(listener: (result?: unknown) => void): unknown;
  onSocketClose?(listener: (result?: unknown) => void): unknown;
  offSocketOpen?(listener?: (result?: unknown) => void): unknown;
  offSocketMessage?(listener?: (result?: unknown) => void): unknown;
  offSocketError?(listener?: (result?: unknown) => void): unknown;
  offSocketClose?(listener?: (result?: unknown) => void): unknown;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  (typeof value === 'object' && value !== null) || typeof value === 'function';

/** Reads a property without letting a throwing getter (or a revoked Proxy) out. */
export function read(target: unknown, key: string): unknown {
  if (!isObject(target)) return undefined;
  try {
    return target[key];
  } catch {
    return undefined;
  }
}

export const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof read(value, 'then') === 'function';

/** Whether `value` has the four listener methods and send/close of a SocketTask. */
export function isNativeTask(value: unknown): value is NativeTask {
  if (!isObject(value)) return false;
  for (const key of ['send', 'close', 'onOpen', 'onMessage', 'onError', 'onClose']) {
    if (typeof read(value, key) !== 'function') return false;
  }
  return true;
}
