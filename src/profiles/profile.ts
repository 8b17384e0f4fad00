/**
 * A profile is one platform's flavour of the API, as data plus a few small hooks.
 * The core reads these fields; it never asks which platform it is running for.
 */
import type { ErrorTexts } from '../errors.js';
import type { OnSocketMessageResult, SocketTask } from '../types.js';

export type ProfileName = 'standard' | 'wx' | 'tt' | 'swan' | 'uni' | 'taro' | 'my';

export interface Profile {
  readonly name: ProfileName;
  /** The global object the platform's API lives on (`wx`, `tt`, `Taro`, ...). */
  readonly globalName: string;
  /** Default connection limit; `Infinity` for none. Config `maxConnections` overrides it. */
  readonly maxConnections: number;
  /**
   * The platform's own error wording, as data: reason texts that replace minisocket's
   * (WeChat's limit text), fields on every fail and error result (uni-app x's errSubject),
   * Alipay's `error` numbers. Only src/errors.ts reads it; undefined: minisocket's wording.
   */
  readonly errors?: ErrorTexts;
  /** Whether the global functions (sendSocketMessage, onSocketOpen, ...) exist. */
  readonly globals: boolean;
  /** Taro marks the globals deprecated: each warns once when first used. */
  readonly globalsDeprecated: boolean;
  /** Global closeSocket while the bound task is CONNECTING: abort it, or fail "not connected" (WeChat's warning). */
  readonly globalCloseBeforeOpen: 'abort' | 'fail';
  /** send accepts ArrayBufferViews, not only string and ArrayBuffer. */
  readonly sendViews: boolean;
  /** `protocols` may be one string (uni-app x). */
  readonly protocolsAsString: boolean;
  /**
   * Shapes what connectSocket returns (Taro: a Promise). `settled` resolves once the
   * call's success or fail and complete have run, with the result they got; `failHandled`
   * says whether the call passed a `fail` or `complete` function.
   */
  readonly connectResult?: (task: SocketTask, settled: Promise<{ ok: boolean; result: object }>, failHandled: boolean) => unknown;
  /** Default handshake timeout in ms where the platform's is not 60000 (Alipay: 30000); config `timeout` wins. */
  readonly defaultTimeout?: number;
  /**
   * Alipay: whether a connectSocket call asked for a task of its own (`multiple: true`).
   * Such a call returns its task and the global functions never see it; any other call
   * makes the global socket, which the global functions drive, and returns undefined.
   * Undefined: every call returns its task and takes part in the globals' binding.
   */
  readonly ownTask?: (options: unknown) => boolean;
  /** With `ownTask`: a second global socket while one is live fails (errCode TOO_MANY_CONNECTIONS, reason `globalExists`). */
  readonly oneGlobalSocket?: boolean;
  /** The data the global sendSocketMessage sends, from its options (Alipay: base64 with `isBuffer`), or why the options are invalid. */
  readonly globalSendData?: (options: object, data: unknown) => { data: unknown } | string;
  /** What the global onSocketMessage receives (Alipay: binary as `{ data: base64, isBuffer: true }`). */
  readonly globalMessage?: (result: OnSocketMessageResult) => object;
  /** Fields the success result of the global sendSocketMessage or closeSocket gets beside errMsg (Alipay's). */
  readonly globalOk?: (api: 'sendSocketMessage' | 'closeSocket') => object;
}
