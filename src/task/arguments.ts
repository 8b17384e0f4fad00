/**
 * send() and close() arguments, read once, in one place, for every caller: the plain task,
 * the reconnecting task and the global functions (docs/contract.md section 3).
 * Reading never throws: a getter that throws is the call's INVALID_OPTIONS failure.
 */
import * as Code from '../codes.js';
import { describe, type ErrCodeValue } from '../errors.js';
import { readCallbacks, type CallbackSet } from './callbacks.js';
import { isInvalid, readClose, validateClose } from './validate.js';

export const SEND_NEEDS_OBJECT = 'SocketTask.send needs an options object: { data, success?, fail?, complete? }';

/** Where send() hands what it read: a task's core. */
export interface SendTarget {
  warn(message: string): void;
  /** `data` as read (not yet checked), with the call's callbacks. */
  sendValue(data: unknown, callbacks: CallbackSet): void;
  /** Fails the send with `code` (a warning when it has no callbacks to tell). */
  refuseSend(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void;
}

/** Where close() hands what it read. */
export interface CloseTarget {
  /** CONNECTING or OPEN (the reconnecting task: not yet asked to end). */
  readonly closable: boolean;
  refuseClose(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void;
  /** A checked code (1000 or 3000-4999) and reason (at most 123 bytes of UTF-8). */
  closeWith(code: number, reason: string, callbacks: CallbackSet): void;
}

/** SocketTask.send(options): reads the options once and hands them to `target`. */
export function takeSend(options: unknown, target: SendTarget): void {
  if (typeof options !== 'object' || options === null) return target.warn(SEND_NEEDS_OBJECT);
  const callbacks = readCallbacks(options);
  let data: unknown;
  try {
    data = (options as { data?: unknown }).data;
  } catch (error) {
    const thrown = error ?? new Error('getter threw');
    return target.refuseSend(callbacks, Code.INVALID_OPTIONS, describe(thrown), thrown);
  }
  target.sendValue(data, callbacks);
}

/**
 * close(options) with its callbacks already read (the global closeSocket reads them as a
 * Promise's): a throwing getter, then the state, then the WHATWG code and reason rules.
 */
export function takeClose(options: unknown, callbacks: CallbackSet, target: CloseTarget): void {
  const read = readClose(options);
  if (isInvalid(read)) return target.refuseClose(callbacks, read.code, read.detail, read.cause);
  if (!target.closable) return target.refuseClose(callbacks, Code.NOT_CONNECTED);
  const checked = validateClose(read.code, read.reason);
  if (isInvalid(checked)) return target.refuseClose(callbacks, checked.code, checked.detail);
  target.closeWith(checked.code, checked.reason, callbacks);
}

export { readCallbacks };
