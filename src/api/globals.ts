/**
 * The global functions (sendSocketMessage, closeSocket, onSocketX, offSocketX): they act on
 * the bound task, the earliest-created task of the API object that has not ended, and
 * each onSocketX has one slot that the last registration takes (SPEC section 8).
 */
import { describe, ErrCode, socketError, type SocketError } from '../errors.js';
import type { Profile } from '../profiles/profile.js';
import { readProperty, settleLater, type CallbackSet } from '../task/callbacks.js';
import type { SocketTaskImpl, TaskObserver } from '../task/socket-task.js';
import {
  ReadyState,
  type CloseSocketOptions,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type SendSocketMessageOptions
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
  /** The bound task, if any. */
  bound(): SocketTaskImpl | undefined;
  /** Whether the task's events go to the onSocketX slots (the bound task, or the bound task that has just ended). */
  isBound(task: SocketTaskImpl): boolean;
  /** The task's onClose has been delivered: nothing more of it reaches the slots. */
  closed(task: SocketTaskImpl): void;
  warn(message: string): void;
  warnOnce(key: string, message: string): void;
  decorate(error: SocketError): SocketError;
}

export function createGlobals(host: GlobalsHost): { functions: GlobalFunctions; observer: TaskObserver } {
  const slots: {
    open: Slot<OnSocketOpenResult>;
    message: Slot<OnSocketMessageResult>;
    error: Slot<OnSocketErrorResult>;
    close: Slot<OnSocketCloseResult>;
  } = { open: undefined, message: undefined, error: undefined, close: undefined };

  const onThrow = (error: unknown): void => host.warn(`a global listener threw: ${describe(error)}`);
  const deliver = <T>(slot: Slot<T>, task: SocketTaskImpl, result: T): void => {
    if (slot === undefined || !host.isBound(task)) return;
    try {
      slot(result);
    } catch (error) {
      onThrow(error);
    }
  };
  const toGlobal = host.profile.globalMessage;
  const observer: TaskObserver = {
    open: (task, result) => deliver(slots.open, task, result),
    message: toGlobal
      ? (task, result) => {
          // Shaped only when the slot will take it (Alipay encodes binary as base64 here).
          if (slots.message !== undefined && host.isBound(task)) deliver(slots.message, task, toGlobal(result) as OnSocketMessageResult);
        }
      : (task, result) => deliver(slots.message, task, result),
    error: (task, result) => deliver(slots.error, task, result),
    close: (task, result) => {
      deliver(slots.close, task, result);
      host.closed(task);
    }
  };

  const okFields = host.profile.globalOk;
  /** The profile's success fields, added before success and complete (which get the same object) see the result. */
  const withOk = (api: 'sendSocketMessage' | 'closeSocket', callbacks: CallbackSet): CallbackSet => {
    if (okFields === undefined || (callbacks.success === undefined && callbacks.complete === undefined)) return callbacks;
    const { success } = callbacks;
    return { ...callbacks, success: (result) => void (Object.assign(result as object, okFields(api)), success?.(result)) };
  };

  const fail = (callbacks: CallbackSet, error: SocketError): void =>
    settleLater(callbacks, false, host.decorate(error), onThrow);

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
          return fail(callbacks, socketError('sendSocketMessage', ErrCode.INVALID_OPTIONS, 'expected an object'));
        }
        const task = host.bound();
        if (task === undefined || task.readyState !== ReadyState.OPEN) {
          return fail(callbacks, socketError('sendSocketMessage', ErrCode.NOT_CONNECTED));
        }
        const data = readProperty(options, 'data');
        if (data.thrown !== undefined) {
          return fail(callbacks, socketError('sendSocketMessage', ErrCode.INVALID_OPTIONS, describe(data.thrown), data.thrown));
        }
        let value = data.value;
        if (host.profile.globalSendData !== undefined) {
          const shaped = host.profile.globalSendData(options, value);
          if (typeof shaped === 'string') return fail(callbacks, socketError('sendSocketMessage', ErrCode.INVALID_OPTIONS, shaped));
          value = shaped.data;
        }
        task.send({ data: value as SendSocketMessageOptions['data'], ...withOk('sendSocketMessage', callbacks) });
      }),
    closeSocket: (options) =>
      callbacksOrPromise(options, (callbacks) => {
        if (options !== undefined && (typeof options !== 'object' || options === null)) {
          return fail(callbacks, socketError('closeSocket', ErrCode.INVALID_OPTIONS, 'expected an object'));
        }
        const task = host.bound();
        const state = task?.readyState;
        const closable =
          state === ReadyState.OPEN || (state === ReadyState.CONNECTING && host.profile.globalCloseBeforeOpen === 'abort');
        if (task === undefined || !closable) return fail(callbacks, socketError('closeSocket', ErrCode.NOT_CONNECTED));
        const read = typeof options === 'object' && options !== null ? options : {};
        const code = readProperty(read, 'code');
        const reason = readProperty(read, 'reason');
        const thrown = code.thrown ?? reason.thrown;
        if (thrown !== undefined) return fail(callbacks, socketError('closeSocket', ErrCode.INVALID_OPTIONS, describe(thrown), thrown));
        task.close({ code: code.value as number, reason: reason.value as string, ...withOk('closeSocket', callbacks) });
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
