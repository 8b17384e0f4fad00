/**
 * A profile is one platform's flavour of the API, as data plus a few small hooks.
 * The core reads these fields; it never asks which platform it is running for.
 */
import type { SocketError } from '../errors.js';
import type { SocketTask } from '../types.js';

export type ProfileName = 'standard' | 'wx' | 'tt' | 'swan' | 'uni' | 'taro';

export interface Profile {
  readonly name: ProfileName;
  /** The global object the platform's API lives on (`wx`, `tt`, `Taro`, ...). */
  readonly globalName: string;
  /** Default connection limit; `Infinity` for none. Config `maxConnections` overrides it. */
  readonly maxConnections: number;
  /** The platform's own errMsg when the limit is reached; undefined for minisocket's. */
  readonly limitMessage?: (limit: number) => string;
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
  /** Adds the profile's fields to every fail and error result (uni-app x: errSubject). */
  readonly decorateError?: (error: SocketError) => SocketError;
  /**
   * Shapes what connectSocket returns (Taro: a Promise). `settled` resolves once the
   * call's success or fail and complete have run, with the result they got; `failHandled`
   * says whether the call passed a `fail` or `complete` function.
   */
  readonly connectResult?: (task: SocketTask, settled: Promise<{ ok: boolean; result: object }>, failHandled: boolean) => unknown;
}
