/**
 * The public shape of each profile's API object (what `createSocketApi({ profile })` and
 * `installGlobals` give), typed as the platforms' own typings type theirs, so that a
 * minisocket API object stands wherever code expects `wx`, `Taro`, `uni` or `my`.
 * docs/typescript.md has the table of what is assignable to what, and the exceptions.
 */
import type { SocketApiConfig } from './api/config.js';
import type { SocketError } from './errors.js';
import type { ProfileName } from './profiles/profile.js';
import type {
  AsyncCallbacks,
  ConnectSocketOptions,
  GeneralCallbackResult,
  HeartbeatSettings,
  Listener,
  OnSocketCloseResult,
  OnSocketMessageResult,
  OnSocketOpenResult,
  PromisifyResult,
  ReconnectingSocketTask,
  ReconnectSettings,
  SendSocketMessageOptions,
  CloseSocketOptions,
  SocketTask
} from './types.js';

/**
 * Options that switch the reconnect layer on (src/reconnect/): `reconnect` or `heartbeat`
 * set to `true` or to settings. `false` (or leaving both out) gives a plain task.
 */
export type LayeredConnectOptions<TFail extends SocketError = SocketError> = ConnectSocketOptions<TFail> &
  ({ reconnect: true | ReconnectSettings } | { heartbeat: true | HeartbeatSettings });

/**
 * The global functions (sendSocketMessage, closeSocket, onSocketX, offSocketX). Each
 * onSocketX keeps one listener, the last one given.
 */
export interface GlobalFunctions<TFail extends SocketError = SocketError> {
  /** Sends on the bound task. A Promise of the success result when no callback is passed, else nothing. */
  sendSocketMessage<T extends SendSocketMessageOptions<TFail> = SendSocketMessageOptions<TFail>>(
    options: T
  ): PromisifyResult<T, GeneralCallbackResult>;
  /** Closes the bound task. A Promise of the success result when no callback is passed, else nothing. */
  closeSocket<T extends CloseSocketOptions<TFail> = CloseSocketOptions<TFail>>(options?: T): PromisifyResult<T, GeneralCallbackResult>;
  onSocketOpen(listener: Listener<OnSocketOpenResult>): void;
  onSocketMessage<T = string | ArrayBuffer>(listener: Listener<OnSocketMessageResult<T>>): void;
  onSocketError(listener: Listener<TFail>): void;
  onSocketClose(listener: Listener<OnSocketCloseResult>): void;
  offSocketOpen(listener?: Listener<OnSocketOpenResult>): void;
  offSocketMessage<T = string | ArrayBuffer>(listener?: Listener<OnSocketMessageResult<T>>): void;
  offSocketError(listener?: Listener<TFail>): void;
  offSocketClose(listener?: Listener<OnSocketCloseResult>): void;
}

/** The API object of the `standard`, `wx` and `swan` profiles (and the shape the others vary). */
export interface SocketApi<TFail extends SocketError = SocketError> extends GlobalFunctions<TFail> {
  /** With `reconnect` or `heartbeat`: a task made of successive connections, with two more events. */
  connectSocket(options: LayeredConnectOptions<TFail>): ReconnectingSocketTask<TFail>;
  /** Returns a SocketTask at once, whatever the input. */
  connectSocket(options: ConnectSocketOptions<TFail>): SocketTask<TFail>;
  /** The profile this API object follows. */
  readonly profile: ProfileName;
}

/** uni-app x: every fail and error result names the failing module. */
export interface UniSocketError extends SocketError {
  /** Always 'uni-websocket'. */
  errSubject: string;
}

/** uni-app x (`uni`): the usual API; fail and error results carry `errSubject`. */
export interface UniSocketApi extends SocketApi<UniSocketError> {
  readonly profile: 'uni';
}

/** Taro's task also carries the fields of connectSocket's success result. */
export interface TaroSocketTask extends SocketTask {
  readonly errMsg: 'connectSocket:ok';
}

/** Taro's task with `reconnect` or `heartbeat`. */
export interface TaroReconnectingSocketTask extends ReconnectingSocketTask {
  readonly errMsg: 'connectSocket:ok';
}

/** A connectSocket call that passed `fail` or `complete`: Taro resolves its Promise with the fail result. */
type FailHandled = { fail: NonNullable<ConnectSocketOptions['fail']> } | { complete: NonNullable<ConnectSocketOptions['complete']> };

/** Taro: connectSocket returns a Promise; the global functions exist but are deprecated. */
export interface TaroSocketApi extends GlobalFunctions {
  /** With a `fail` or `complete` callback a failure resolves the Promise with the fail result (Taro's rule). */
  connectSocket(options: LayeredConnectOptions & FailHandled): Promise<TaroReconnectingSocketTask | SocketError>;
  connectSocket(options: LayeredConnectOptions): Promise<TaroReconnectingSocketTask>;
  connectSocket(options: ConnectSocketOptions & FailHandled): Promise<TaroSocketTask | SocketError>;
  /** Rejects with the fail result (not an Error) when the call fails. */
  connectSocket(options: ConnectSocketOptions): Promise<TaroSocketTask>;
  readonly profile: 'taro';
}

/** Douyin: connectSocket and the task only; `tt` has no global socket functions. */
export interface TtSocketApi {
  connectSocket(options: LayeredConnectOptions): ReconnectingSocketTask;
  connectSocket(options: ConnectSocketOptions): SocketTask;
  readonly profile: 'tt';
}

/** Alipay's fail and error results: `error` (its code) and `errorMessage` are always set. */
export interface MySocketError extends SocketError {
  /** Alipay's error code where its docs name one (2, 3, 4, 5, 20), else errCode. */
  error: number;
  /** The errMsg after "<api>:fail ". */
  errorMessage: string;
}

/** Alipay's connectSocket options: `multiple: true` asks for a SocketTask of its own. */
export type MyConnectSocketOptions = ConnectSocketOptions<MySocketError> & { multiple?: boolean };

/** Alipay's sendSocketMessage success result: `success: true` beside errMsg. */
export interface MySendSocketMessageSuccess extends GeneralCallbackResult {
  success: true;
}

/** Alipay's closeSocket success result: `message` beside errMsg (minisocket puts 'closeSocket:ok' in both). */
export interface MyCloseSocketSuccess extends GeneralCallbackResult {
  message: string;
}

/** Alipay's global sendSocketMessage: with `isBuffer: true`, `data` is base64 and is sent as a binary message. */
export interface MySendSocketMessageOptions extends AsyncCallbacks<MySendSocketMessageSuccess, MySocketError> {
  data: string | ArrayBuffer;
  isBuffer?: boolean;
}

/** Alipay's global closeSocket options. */
export interface MyCloseSocketOptions extends AsyncCallbacks<MyCloseSocketSuccess, MySocketError> {
  /** 1000, or 3000 to 4999. Default 1000. */
  code?: number;
  /** At most 123 bytes of UTF-8. Default ''. */
  reason?: string;
}

/** Alipay's global onSocketMessage: a binary message arrives as base64 with `isBuffer: true`. */
export interface MyOnSocketMessageResult {
  data: string;
  isBuffer: boolean;
}

/** Alipay: connectSocket returns a task only with `multiple: true`; otherwise the global functions drive the one global socket. */
export interface MySocketApi {
  connectSocket(options: LayeredConnectOptions<MySocketError> & { multiple: true }): ReconnectingSocketTask<MySocketError>;
  connectSocket(options: MyConnectSocketOptions & { multiple: true }): SocketTask<MySocketError>;
  connectSocket(options: MyConnectSocketOptions & { multiple?: false }): undefined;
  connectSocket(options: MyConnectSocketOptions): SocketTask<MySocketError> | undefined;
  sendSocketMessage<T extends MySendSocketMessageOptions = MySendSocketMessageOptions>(
    options: T
  ): PromisifyResult<T, MySendSocketMessageSuccess>;
  closeSocket<T extends MyCloseSocketOptions = MyCloseSocketOptions>(options?: T): PromisifyResult<T, MyCloseSocketSuccess>;
  onSocketOpen(listener: Listener<OnSocketOpenResult>): void;
  onSocketMessage(listener: Listener<MyOnSocketMessageResult>): void;
  onSocketError(listener: Listener<MySocketError>): void;
  onSocketClose(listener: Listener<OnSocketCloseResult>): void;
  offSocketOpen(listener?: Listener<OnSocketOpenResult>): void;
  offSocketMessage(listener?: Listener<MyOnSocketMessageResult>): void;
  offSocketError(listener?: Listener<MySocketError>): void;
  offSocketClose(listener?: Listener<OnSocketCloseResult>): void;
  readonly profile: 'my';
}

/** Each profile's API object type. */
export interface SocketApiByProfile {
  standard: SocketApi;
  wx: SocketApi;
  swan: SocketApi;
  uni: UniSocketApi;
  taro: TaroSocketApi;
  tt: TtSocketApi;
  my: MySocketApi;
}

/**
 * The API object type of profile `P`. A profile not known when compiling (`P` is the whole
 * ProfileName) gives the common shape, SocketApi: narrow with `SocketApiFor<'taro'>` where
 * the code knows better.
 */
export type SocketApiFor<P extends ProfileName> = ProfileName extends P ? SocketApi : SocketApiByProfile[P];

/** createSocketApi: the profile named in the config decides the type; none means `standard`. */
export type CreateSocketApi = <P extends ProfileName = 'standard'>(config?: SocketApiConfig & { profile?: P }) => SocketApiFor<P>;
