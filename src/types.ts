/**
 * The public types of minisocket, named as the platforms' documents name them.
 */
import type { SocketError } from './errors.js';

export type { SocketError } from './errors.js';

/** What every success callback receives at least. */
export interface GeneralCallbackResult {
  errMsg: string;
}

/**
 * The success/fail/complete trio every mini-program API call takes. `TFail` is the
 * profile's fail result (Alipay's and uni-app's add fields of their own).
 */
export interface AsyncCallbacks<TSuccess, TFail extends SocketError = SocketError> {
  success?: (result: TSuccess) => void;
  fail?: (result: TFail) => void;
  complete?: (result: TSuccess | TFail) => void;
}

/**
 * What a global function returns: a Promise of the success result when the options have
 * none of the keys success, fail and complete, else nothing (WeChat's rule).
 *
 * Written exactly as the platforms' typings write theirs (`PromisifySuccessResult` in
 * miniprogram-api-typings and @dcloudio/types), `any` included: TypeScript relates two
 * conditional types only when their `extends` clauses are identical, so this is what lets
 * minisocket's functions be assigned to `wx.sendSocketMessage` and `uni.closeSocket`.
 */
export type PromisifyResult<TOptions, TResult> = TOptions extends HasSuccess
  ? NoPromise
  : TOptions extends HasFail
    ? NoPromise
    : TOptions extends HasComplete
      ? NoPromise
      : Promise<TResult>;

// biome-ignore lint/suspicious/noExplicitAny: must be identical to the platforms' own `{ success: any }` (above)
type HasSuccess = { success: any };
// biome-ignore lint/suspicious/noExplicitAny: as HasSuccess
type HasFail = { fail: any };
// biome-ignore lint/suspicious/noExplicitAny: as HasSuccess
type HasComplete = { complete: any };
// biome-ignore lint/suspicious/noConfusingVoidType: what the platforms' typings return when a callback is passed
type NoPromise = void;

export interface ConnectSocketOptions<TFail extends SocketError = SocketError> extends AsyncCallbacks<ConnectSocketSuccess, TFail> {
  /** `ws://` or `wss://` URL (the scheme is case-insensitive). */
  url: string;
  /** Request headers for the handshake (Node only; a browser cannot send them). */
  header?: Record<string, string | number | boolean>;
  /** Subprotocols to offer; the server must pick one of them. */
  protocols?: string[] | string;
  /** Milliseconds for the whole handshake; default from config, else 60000. */
  timeout?: number;
  /** Disable Nagle's algorithm (Node only). Default false, as WeChat. */
  tcpNoDelay?: boolean;
  /** Offer permessage-deflate (Node only). Default false, as WeChat. */
  perMessageDeflate?: boolean;
  /** Accepted for WeChat compatibility; has no effect. */
  forceCellularNetwork?: boolean;
  /** WebSocket handshakes are GET; the other methods of the old WeChat doc are accepted and ignored. */
  method?: string;
  /** Old WeChat and Alipay: an object appended to the URL's query string. */
  data?: Record<string, unknown>;
  /** minisocket: reconnect with backoff and queue sends while disconnected (docs/reconnect.md). */
  reconnect?: boolean | ReconnectSettings;
  /** minisocket: ping the server and end a link that stops answering (docs/reconnect.md). */
  heartbeat?: boolean | HeartbeatSettings;
}

/** `connectSocket({ reconnect })`: every field optional; the defaults are in docs/reconnect.md. */
export interface ReconnectSettings {
  /** Floor of the delay before a reconnect, in ms. Default 500. */
  minDelay?: number;
  /** Ceiling of the delay before a reconnect, in ms. Default 30000. */
  maxDelay?: number;
  /** Growth of the delay's upper bound per attempt. Default 2. */
  factor?: number;
  /** Reconnect attempts in a row before giving up; `Infinity` for no limit. Default Infinity. */
  maxAttempts?: number;
  /** A link must stay open this many ms for the backoff to start over. Default 5000. */
  stableAfter?: number;
  /** Close codes from the server that end the task for good (for example 4001 "logged out"). Default []. */
  finalCodes?: number[];
  /** HTTP 4xx handshake statuses that are still retried (every other 4xx gives up). Default [408, 429]. */
  retryStatus?: number[];
  /** Most sends waiting for a link. Default 1000. */
  maxQueued?: number;
  /** Most bytes waiting for a link (UTF-8 bytes for text). Default 1 MiB. */
  maxQueuedBytes?: number;
  /** Called before every redial (not the first dial): may return or resolve to fresh `url`, `header`, `protocols`. A throw or rejection is a failed attempt (errCode 610042). */
  // biome-ignore lint/suspicious/noConfusingVoidType: returning nothing (or an async function resolving to nothing) keeps the options
  beforeRedial?: (attempt: number) => RedialOptions | undefined | void | PromiseLike<RedialOptions | undefined | void>;
  /** Decides after each link ends (or attempt fails) whether to reconnect. Default: no for `finalCodes` and a 4xx not in `retryStatus`. */
  shouldReconnect?: (close: ReconnectCloseInfo, attempt: number) => boolean;
  /** App hide/show and network changes: `true` (default: the browser's page events where there are some), `false`, or a platform object such as `wx`. */
  lifecycle?: boolean | PlatformLifecycle | BrowserLifecycleScope;
}

/** What `beforeRedial` may return: the options of the next link, and of the ones after it until it returns others. */
export interface RedialOptions {
  url?: string;
  header?: Record<string, string | number | boolean>;
  protocols?: string[] | string;
}

/** `shouldReconnect`'s first argument: how the link (or the attempt) ended. */
export interface ReconnectCloseInfo {
  /** The link's close code; 1006 for an attempt that never opened. */
  code: number;
  reason: string;
  /** Whether the link had opened (false: the attempt failed before opening). */
  wasOpen: boolean;
  /** Why an attempt failed before opening (with `statusCode` for a refused handshake). */
  error?: SocketError;
}

/** The platform's own app and network events, as `wx`, `tt`, `swan`, `my` and `uni` name them; each is optional. */
export interface PlatformLifecycle {
  onAppHide?(listener: (result?: unknown) => void): void;
  offAppHide?(listener: (result?: unknown) => void): void;
  onAppShow?(listener: (result?: unknown) => void): void;
  offAppShow?(listener: (result?: unknown) => void): void;
  onNetworkStatusChange?(listener: (result: { isConnected: boolean; networkType: string }) => void): void;
  offNetworkStatusChange?(listener: (result: { isConnected: boolean; networkType: string }) => void): void;
  getNetworkType?(options: { success?: (result: { networkType: string }) => void; fail?: (error: unknown) => void }): void;
}

/** A browser window (or a stand-in): `visibilitychange` on its document, `online`/`offline` on itself. */
export interface BrowserLifecycleScope {
  document?: {
    readonly visibilityState: string;
    addEventListener(type: 'visibilitychange', listener: () => void): void;
    removeEventListener(type: 'visibilitychange', listener: () => void): void;
  };
  navigator?: { readonly onLine?: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** Why onReconnecting fired. */
export type ReconnectReason = 'close' | 'error' | 'retry-after' | 'reconnect' | 'hide' | 'show' | 'offline' | 'online' | 'network-change';

/** `connectSocket({ heartbeat })`: every field optional; the defaults are in docs/reconnect.md. */
export interface HeartbeatSettings {
  /** Milliseconds between pings. Default 25000. */
  interval?: number;
  /** Milliseconds to wait for a pong (or any message) before the link counts as dead. Default 10000. */
  timeout?: number;
  /** Send this application message instead of a ping frame (needed where the engine cannot ping, such as a browser). */
  message?: string | ArrayBuffer;
  /** With `message`: which inbound message is the pong. Default: any inbound message proves the link alive. */
  pong?: string | ((data: string | ArrayBuffer) => boolean);
}

/** onReconnecting's payload: what the layer does next about dialling, and why (docs/reconnect.md). */
export interface OnReconnectingResult {
  /** 1 for the first reconnect after a link ended (or an attempt failed), then 2, 3, ...; with `delay` -1, the attempts made so far. */
  attempt: number;
  /** Milliseconds until the attempt dials (0: now); -1 when no dial is planned (the link is open, or the network is away). */
  delay: number;
  /** What changed: a link ended (`close`), an attempt failed (`error`, `retry-after`), `task.reconnect()`, or the app or network (`hide`, `show`, `offline`, `online`, `network-change`). */
  reason: ReconnectReason;
}

/** The task `connectSocket` returns when `reconnect` or `heartbeat` is set. */
export interface ReconnectingSocketTask<TFail extends SocketError = SocketError> extends SocketTask<TFail> {
  /** A reconnect has been scheduled (after the link's onClose, or the failed attempt's onError). */
  onReconnecting(listener: Listener<OnReconnectingResult>): void;
  offReconnecting(listener?: Listener<OnReconnectingResult>): void;
  /** The task will not reconnect again (errCode 610041); its onClose follows. Not fired for the application's own close(). */
  onGiveUp(listener: Listener<TFail>): void;
  offGiveUp(listener?: Listener<TFail>): void;
  /** Drops the current link (or the wait for the next one) and dials now, with the backoff reset. Does nothing once the task has ended. */
  reconnect(): void;
}

export interface ConnectSocketSuccess {
  errMsg: 'connectSocket:ok';
  socketTaskId: number;
}

export type SendData = string | ArrayBuffer | ArrayBufferView;

export interface SendSocketMessageOptions<TFail extends SocketError = SocketError> extends AsyncCallbacks<GeneralCallbackResult, TFail> {
  /** `string` or `ArrayBuffer`; the `standard` profile also takes any `ArrayBufferView`. */
  data: SendData;
}

export interface CloseSocketOptions<TFail extends SocketError = SocketError> extends AsyncCallbacks<GeneralCallbackResult, TFail> {
  /** 1000, or 3000 to 4999. Default 1000. */
  code?: number;
  /** At most 123 bytes of UTF-8. Default ''. */
  reason?: string;
}

/** WeChat's connection timing fields, in milliseconds since the epoch (durations for the last three). */
export interface SocketTimingProfile {
  fetchStart: number;
  domainLookUpStart: number;
  domainLookUpEnd: number;
  connectStart: number;
  connectEnd: number;
  /** Set on wss: when the TLS handshake finished. */
  SSLconnectionEnd?: number;
  /** Milliseconds from the TCP (or TLS) connection to the HTTP 101 response. */
  handshakeCost: number;
  /** Milliseconds from the call to the open event. */
  cost: number;
  /** Round-trip estimate: the duration of the TCP three-way handshake. */
  rtt: number;
}

export interface OnSocketOpenResult {
  /** Handshake response headers, names lower-cased (empty in a browser). */
  header: Record<string, string>;
  /** Connection timings (Node only). */
  profile?: SocketTimingProfile;
}

/**
 * A text message as a string, a binary one as an ArrayBuffer of exactly its bytes. `T`
 * narrows `data` where the caller knows which kind the server sends (Taro's and uni-app's
 * `onMessage<T>`); minisocket does not check it.
 */
/**
 * onOpen's result where the engine timed the connection (Node's `ws` engine). WeChat's
 * typings always promise `profile`; SocketTask.onOpen takes a listener typed that way too.
 */
export interface OnSocketOpenResultWithProfile extends OnSocketOpenResult {
  profile: SocketTimingProfile;
}

export interface OnSocketMessageResult<T = string | ArrayBuffer> {
  data: T;
}

export interface OnSocketCloseResult {
  code: number;
  reason: string;
}

export type OnSocketErrorResult = SocketError;

export type Listener<T> = (result: T) => void;

/** The numbers `readyState` takes (WHATWG's, which Taro documents). */
export const ReadyState = {
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3
} as const;

export type ReadyStateValue = (typeof ReadyState)[keyof typeof ReadyState];

/** The task `connectSocket` returns; `TFail` is the profile's fail and onError result. */
export interface SocketTask<TFail extends SocketError = SocketError> {
  readonly socketTaskId: number;
  readonly readyState: ReadyStateValue;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  send(options: SendSocketMessageOptions<TFail>): void;
  close(options?: CloseSocketOptions<TFail>): void;
  onOpen(listener: Listener<OnSocketOpenResult>): void;
  /**
   * A listener written against WeChat's result type, where `profile` is required. minisocket
   * sets `profile` only where the engine can time the connection (Node, not a browser).
   */
  onOpen(listener: Listener<OnSocketOpenResultWithProfile>): void;
  onMessage<T = string | ArrayBuffer>(listener: Listener<OnSocketMessageResult<T>>): void;
  onError(listener: Listener<TFail>): void;
  onClose(listener: Listener<OnSocketCloseResult>): void;
  offOpen(listener?: Listener<OnSocketOpenResult>): void;
  offOpen(listener?: Listener<OnSocketOpenResultWithProfile>): void;
  offMessage<T = string | ArrayBuffer>(listener?: Listener<OnSocketMessageResult<T>>): void;
  offError(listener?: Listener<TFail>): void;
  offClose(listener?: Listener<OnSocketCloseResult>): void;
}
