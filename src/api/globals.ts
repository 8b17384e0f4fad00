/**
 * The global functions (sendSocketMessage, closeSocket, onSocketX, offSocketX): they act on
 * the bound task of the registry, the earliest-created task of the API object that has not
 * ended, and each onSocketX has one slot that the last registration takes (docs/contract.md section 8).
 */
import * as Code from '../codes.js';
import { describe, type ErrCodeValue, type Failure, type SocketError } from '../errors.js';
import type { Profile } from '../profiles/profile.js';
import { takeClose } from '../task/arguments.js';
import { readProperty, settleLater, type CallbackSet } from '../task/callbacks.js';
import type { Link, TaskObserver } from '../task/link.js';
import { isConnecting, isOpen } from '../task/states.js';
import type { Registry } from './registry.js';
import type {
  CloseSocketOptions,
  OnSocketCloseResult,
  OnSocketErrorResult,
  OnSocketMessageResult,
  OnSocketOpenResult,
  SendSocketMessageOptions
} from '../types.js';
import { callbacksOrPromise } from './settle.js';

type Slot<T> = ((result: T) => void) | undefined;

/** The implementation's signatures; the public ones, per profile, are in src/api-types.ts. */
export interface GlobalFunctions {
  sendSocketMessage(options: SendSocketMessageOptions): Promise<object> | undefined;
  closeSocket(options?: CloseSocketOptions): Promise<object> | undefined;
  onSocketOpen(listener: (result: OnSocketOpenResult) => void): void;
  onSocketMessage(listener: (result: OnSocketMessageResult) => void): void;
  onSocketError(listener: (result: OnSocketErrorResult) => void): void;
  onSocketClose(listener: (result: OnSocketCloseResult) => void): void;
  offSocketOpen(listener?: (result: OnSocketOpenResult) => void): void;
  offSocketMessage(listener?: (result: OnSocketMessageResult) => void): void;
  offSocketError(listener?: (result: OnSocketErrorResult) => void): void;
  offSocketClose(listener?: (result: OnSocketCloseResult) => void): void;
}

export interface GlobalsHost {
  profile: Profile;
  /** Which task is bound, and which tasks' events reach the slots. */
  registry: Registry<Link>;
  warn(message: string): void;
  warnOnce(key: string, message: string): void;
  error(failure: Failure): SocketError;
}

export function createGlobals(host: GlobalsHost): { functions: GlobalFunctions; observer: TaskObserver } {
  const { registry } = host;
  const slots: {
    open: Slot<OnSocketOpenResult>;
    message: Slot<OnSocketMessageResult>;
    error: Slot<OnSocketErrorResult>;
    close: Slot<OnSocketCloseResult>;
  } = { open: undefined, message: undefined, error: undefined, close: undefined };

  const onThrow = (error: unknown): void => host.warn(`a global listener threw: ${describe(error)}`);
  const deliver = <T>(slot: Slot<T>, link: Link, result: T): void => {
    if (slot === undefined || !registry.isBound(link)) return;
    try {
      slot(result);
    } catch (error) {
      onThrow(error);
    }
  };
  const toGlobal = host.profile.globalMessage;
  const observer: TaskObserver = {
    open: (link, header) => {
      if (slots.open !== undefined && registry.isBound(link)) deliver(slots.open, link, { header });
    },
    message: toGlobal
      ? (link, result) => {
          // Shaped only when the slot will take it (Alipay encodes binary as base64 here).
          if (slots.message !== undefined && registry.isBound(link))
            deliver(slots.message, link, toGlobal(result) as OnSocketMessageResult);
        }
      : (link, result) => deliver(slots.message, link, result),
    error: (link, result) => deliver(slots.error, link, result),
    close: (link, result) => {
      deliver(slots.close, link, result);
      // Once its onClose has been delivered, the ended bound task is let go.
      registry.closed(link);
    }
  };

  const okFields = host.profile.globalOk;
  /** The profile's success fields, added before success and complete (which get the same object) see the result. */
  const withOk = (api: 'sendSocketMessage' | 'closeSocket', callbacks: CallbackSet): CallbackSet => {
    if (okFields === undefined || (callbacks.success === undefined && callbacks.complete === undefined)) return callbacks;
    const { success } = callbacks;
    const shaped = (result: unknown): void => {
      Object.assign(result as object, okFields(api));
      success?.(result);
    };
    return { ...callbacks, success: shaped };
  };

  const fail = (
    callbacks: CallbackSet,
    api: 'sendSocketMessage' | 'closeSocket',
    code: ErrCodeValue,
    detail?: string,
    cause?: unknown
  ): void => settleLater(callbacks, false, host.error({ api, code, detail, cause }), onThrow);

  function setSlot<K extends keyof typeof slots>(name: K, api: string, listener: unknown): void {
    if (typeof listener === 'function') slots[name] = listener as (typeof slots)[K];
    else host.warn(`${api} ignored a listener that is not a function`);
  }
  function clearSlot<K extends keyof typeof slots>(name: K, listener: unknown): void {
    if (listener === undefined || listener === slots[name]) slots[name] = undefined;
  }

  const functions: GlobalFunctions = {
    sendSocketMessage: (options) =>
      callbacksOrPromise(options, (callbacks) => {
        if (typeof options !== 'object' || options === null) {
          return fail(callbacks, 'sendSocketMessage', Code.INVALID_OPTIONS, 'expected an object');
        }
        const link = registry.bound();
        if (link === undefined || !isOpen(link.readyState)) return fail(callbacks, 'sendSocketMessage', Code.NOT_CONNECTED);
        const data = readProperty(options, 'data');
        if (data.thrown !== undefined) {
          return fail(callbacks, 'sendSocketMessage', Code.INVALID_OPTIONS, describe(data.thrown), data.thrown);
        }
        let value = data.value;
        if (host.profile.globalSendData !== undefined) {
          const shaped = host.profile.globalSendData(options, value);
          if (typeof shaped === 'string') return fail(callbacks, 'sendSocketMessage', Code.INVALID_OPTIONS, shaped);
          value = shaped.data;
        }
        link.sendValue(value, withOk('sendSocketMessage', callbacks));
      }),
    closeSocket: (options) =>
      callbacksOrPromise(options, (callbacks) => {
        if (options !== undefined && (typeof options !== 'object' || options === null)) {
          return fail(callbacks, 'closeSocket', Code.INVALID_OPTIONS, 'expected an object');
        }
        const link = registry.bound();
        const state = link?.readyState;
        // WeChat's, Baidu's and uni-app's global closeSocket cannot abort a handshake (the profile says).
        const closable = state !== undefined && (isOpen(state) || (isConnecting(state) && host.profile.globalCloseBeforeOpen === 'abort'));
        if (link === undefined || !closable) return fail(callbacks, 'closeSocket', Code.NOT_CONNECTED);
        takeClose(options, withOk('closeSocket', callbacks), link);
      }),
    onSocketOpen: (listener) => setSlot('open', 'onSocketOpen', listener),
    onSocketMessage: (listener) => setSlot('message', 'onSocketMessage', listener),
    onSocketError: (listener) => setSlot('error', 'onSocketError', listener),
    onSocketClose: (listener) => setSlot('close', 'onSocketClose', listener),
    offSocketOpen: (listener) => clearSlot('open', listener),
    offSocketMessage: (listener) => clearSlot('message', listener),
    offSocketError: (listener) => clearSlot('error', listener),
    offSocketClose: (listener) => clearSlot('close', listener)
  };

  if (host.profile.globalsDeprecated) {
    for (const name of Object.keys(functions) as (keyof GlobalFunctions)[]) {
      const inner = functions[name] as (...args: unknown[]) => unknown;
      (functions as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        host.warnOnce(`deprecated:${name}`, `${host.profile.globalName}.${name} is deprecated: use the SocketTask method instead`);
        return inner(...args);
      };
    }
  }
  return { functions, observer };
}
