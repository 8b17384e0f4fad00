/**
 * One connection over one native task: the EngineSocket the task drives, fed by the
 * native task's four listeners. A native runtime keeps few of the promises minisocket
 * makes, so this file turns what it does into the facts the task expects (engine.ts):
 *
 * - reports are asynchronous and in order, even when the runtime calls back inside the
 *   call (a runtime may fire events synchronously: uni-app's own console socket tests
 *   mock onOpen that way, dcloudio/uni-app packages/uni-console/__tests__/socket.spec.ts,
 *   and Taro H5's send calls success inside send): `#run` queues what arrives while one of
 *   our calls into the runtime is on the stack;
 * - one close, last: a second onClose (Taro H5 reports its own close event and the
 *   browser's) and anything after it are ignored;
 * - error before close: onError with no onClose after it (the uni-app App, dcloudio/
 *   uni-app#1619) ends the connection after ERROR_CLOSE_GRACE; an onClose that may follow
 *   a failure (1006, 1002, ...) waits CLOSE_ERROR_GRACE for an onError sent after it;
 * - a close event without code or reason (dcloudio/unidocs-en PR#3) reports what was asked
 *   for, else 1006 after an error, else 1005 (no status received);
 * - close() on a connecting task that fails or does nothing (wx and swan seeds: "必须在
 *   WebSocket 打开期间调用 closeSocket 才能关闭"): the task is abandoned and closed when it
 *   opens; its native slot is held until the runtime says it closed (slots.ts);
 * - task methods that throw once closed (dcloudio/uni-app#1372): every call is guarded;
 * - binary as Blob (dcloudio/uni-app#753, Taro H5) or as a view: an ArrayBuffer of exactly
 *   the message's bytes (MQTT.js PR#1506), delivered in order.
 */
import { ErrCode, type ErrCodeValue } from '../../errors.js';
import type { SocketTimingProfile } from '../../types.js';
import { utf8Length } from '../../utf8.js';
import {
  CLOSE_TIMEOUT,
  notWritten,
  type DialRequest,
  type EngineFailure,
  type EngineSink,
  type EngineSocket,
  type SendCallback
} from '../engine.js';
import { errorFailure, sendError } from './native-errors.js';
import { isObject, isThenable, read, type NativeTask } from './native-api.js';
import type { Slot } from './slots.js';

/** Milliseconds an onError waits for its onClose before the engine ends the connection itself. */
export const ERROR_CLOSE_GRACE = 100;
/** Milliseconds an abnormal onClose (1006, or before open) waits for an onError that comes after it. */
export const CLOSE_ERROR_GRACE = 30;

type Delivery = () => void | Promise<void>;

/** Close codes an implementation sends when it fails the connection itself (RFC 6455 section 7.4.1), 1006 when it could not. */
const FAILURE_CODES = new Set([1002, 1003, 1006, 1007, 1008, 1009, 1010, 1011, 1015]);

const toTag = Object.prototype.toString;
const isArrayBuffer = (value: unknown): value is ArrayBuffer =>
  value instanceof ArrayBuffer || toTag.call(value) === '[object ArrayBuffer]';
const isBlob = (value: unknown): value is Blob =>
  typeof read(value, 'arrayBuffer') === 'function' && typeof read(value, 'size') === 'number';

/** Exactly the view's bytes, never its whole backing buffer. */
function exactBytes(view: ArrayBufferView): ArrayBuffer {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}

/** Response header names lower-cased, values as strings; anything else is no header. */
function headersOf(value: unknown): Record<string, string> {
  const header: Record<string, string> = {};
  if (!isObject(value)) return header;
  try {
    for (const [name, field] of Object.entries(value)) header[name.toLowerCase()] = String(field);
  } catch {
    // a hostile header object: what was read so far
  }
  return header;
}

export class NativeSocket implements EngineSocket {
  readonly #sink: EngineSink;
  readonly #request: DialRequest;
  /** The native slot: released once the runtime is done with the task (or cancelled before a dial). */
  readonly #slot: Slot;
  /** connectSocket has been called: the slot now stays held until the runtime is done. */
  #dialled = false;
  #task: NativeTask | undefined;
  /** The sink still listens. */
  #live = true;
  /** minisocket no longer wants this connection: close the native task whenever it can be. */
  #abandoned = false;
  #opened = false;
  #errored = false;
  /** The runtime is done with the task (onClose, a failed connectSocket, or an error with no close). */
  #nativeDone = false;
  #closeAsked: { code: number; reason: string } | undefined;
  /** A close that waits for a late onError. */
  #pendingClose: { code: number; reason: string } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #buffered = 0;
  /** Our calls into the runtime on the stack: reports arriving meanwhile are queued. */
  #calling = 0;
  #queue: Delivery[] | undefined;
  #scheduled = false;
  #holding = false;

  constructor(sink: EngineSink, request: DialRequest, slot: Slot) {
    this.#sink = sink;
    this.#request = request;
    this.#slot = slot;
  }

  /** The dial code is about to call connectSocket. */
  markDialled(): void {
    this.#dialled = true;
  }

  /** Bytes handed to the runtime whose send has not called back yet. */
  get bufferedAmount(): number {
    return this.#buffered;
  }

  /** Runs `call` (a call into the runtime) with reports held until it returns. */
  calling<T>(call: () => T): T {
    this.#calling++;
    try {
      return call();
    } finally {
      this.#calling--;
    }
  }

  /** The runtime's task is known: listen to it (each listener registered once: Taro H5 has one slot per event). */
  attach(task: NativeTask): void {
    this.#task = task;
    const listen = (name: 'onOpen' | 'onMessage' | 'onError' | 'onClose', listener: (result?: unknown) => void): void => {
      try {
        this.calling(() => task[name](listener));
      } catch {
        // a runtime that throws here cannot report that event; the handshake timeout still ends the task
      }
    };
    listen('onOpen', (result) => this.#run(() => this.#onOpen(result)));
    listen('onMessage', (result) => this.#run(() => this.#onMessage(result)));
    listen('onError', (result) => this.#run(() => this.#onError(result)));
    listen('onClose', (result) => this.#run(() => this.#onClose(result)));
    if (this.#abandoned) this.#closeNative();
  }

  /** connectSocket failed (fail callback, a throw, a rejected Promise, garbage): error, then close 1006. */
  connectFailed(failure: EngineFailure): void {
    this.#run(() => {
      if (this.#nativeDone) return;
      this.#nativeEnded();
      if (!this.#live || this.#errored) return;
      this.#errored = true;
      this.#sink.error(failure);
      this.#end(1006, '');
    });
  }

  send(data: string | ArrayBuffer | ArrayBufferView, callback?: SendCallback): void {
    const task = this.#task;
    if (task === undefined || !this.#live || this.#nativeDone) {
      if (callback !== undefined) setTimeout(() => callback(notWritten()), 0);
      return;
    }
    // Runtimes take string and ArrayBuffer only (wx seed): a view goes as exactly its bytes.
    const payload = typeof data === 'string' || isArrayBuffer(data) ? data : exactBytes(data);
    const size = typeof payload === 'string' ? payload.length : payload.byteLength;
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return; // a runtime that calls back twice (success then fail, or twice) is heard once
      settled = true;
      this.#buffered -= size;
      if (callback !== undefined) this.#run(() => callback(error));
    };
    this.#buffered += size;
    try {
      const returned = this.calling(() =>
        task.send({ data: payload, success: () => settle(null), fail: (result) => settle(sendError(result)) })
      );
      // Taro H5's send returns a Promise that rejects when not open; its fail callback already said so.
      if (isThenable(returned)) Promise.resolve(returned).catch(() => undefined);
    } catch (error) {
      if (settled) return;
      settled = true;
      this.#buffered -= size;
      // A method that throws once the task closed (dcloudio/uni-app#1372): not written.
      const failed = this.#nativeDone || this.#errored ? notWritten() : error instanceof Error ? error : new Error(String(error));
      if (callback === undefined) throw failed;
      setTimeout(() => callback(failed), 0);
    }
  }

  close(code: number, reason: string): void {
    this.#closeAsked = { code, reason };
    const task = this.#task;
    if (task === undefined) return this.abort();
    try {
      const returned = this.calling(() => task.close({ code, reason, fail: (result) => this.#run(() => this.#closeFailed(result)) }));
      if (isThenable(returned)) Promise.resolve(returned).catch(() => undefined);
    } catch (error) {
      this.#run(() => this.#closeFailed(error));
      return;
    }
    // A runtime that never reports the close: give up as ws does, and report the connection dropped.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#closeFailed(undefined), CLOSE_TIMEOUT);
  }

  /** minisocket is done with the connection: nothing more is reported; the native task is closed when it can be. */
  abort(): void {
    this.#live = false;
    if (this.#abandoned) return;
    this.#abandoned = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // Still waiting for a slot: give the claim up. Waiting for the runtime's Promise: attach closes the task.
    if (!this.#dialled) this.#slot.cancel();
    else this.#closeNative();
  }

  // ---- native reports ---------------------------------------------------------------

  #onOpen(result: unknown): void {
    if (this.#nativeDone || this.#opened) return;
    // WeChat and Baidu: close() before open did nothing, so the abandoned task is closed now.
    if (this.#abandoned) return this.#closeNative();
    if (!this.#live) return;
    const header = headersOf(read(result, 'header'));
    // Where a runtime passes the response headers, the subprotocol is checked as a browser does (tt seed's tip).
    const offered = this.#request.protocols;
    if (offered.length > 0 && Object.keys(header).length > 0) {
      const chosen = header['sec-websocket-protocol'];
      if (chosen === undefined || !offered.includes(chosen)) {
        return this.#fail(
          ErrCode.NO_AGREED_PROTOCOL,
          chosen === undefined ? 'the server chose none' : 'the server chose one that was not offered',
          1006
        );
      }
    }
    this.#opened = true;
    const profile = read(result, 'profile');
    this.#sink.open(header, isObject(profile) ? (profile as unknown as SocketTimingProfile) : undefined);
  }

  #onMessage(result: unknown): void | Promise<void> {
    if (!this.#live || !this.#opened) return;
    return this.#message(read(result, 'data'));
  }

  #message(data: unknown): void | Promise<void> {
    if (!this.#live) return;
    const max = this.#request.maxPayload;
    if (typeof data === 'string') {
      if (data.length > max / 3 && utf8Length(data) > max) return this.#tooBig();
      this.#sink.message(data);
    } else if (isArrayBuffer(data)) {
      if (data.byteLength > max) return this.#tooBig();
      this.#sink.message(data);
    } else if (ArrayBuffer.isView(data)) {
      if (data.byteLength > max) return this.#tooBig();
      this.#sink.message(exactBytes(data));
    } else if (isBlob(data)) {
      return data.arrayBuffer().then(
        (buffer) => void this.#message(buffer),
        (cause: unknown) => this.#fail(ErrCode.SYSTEM_ERROR, 'could not read a binary message', 1006, cause)
      );
    } else {
      // Never drop a message silently: a runtime that hands over something else ends the connection loudly.
      this.#fail(ErrCode.SYSTEM_ERROR, `unexpected message data ${toTag.call(data)}`, 1006, data);
    }
  }

  #onError(result: unknown): void {
    // After onClose only the error a close is waiting for counts.
    if (this.#nativeDone && this.#pendingClose === undefined) return;
    if (this.#live && !this.#errored) {
      this.#errored = true;
      this.#sink.error(errorFailure(result, this.#opened));
      const pending = this.#pendingClose;
      if (pending !== undefined) return this.#end(this.#opened ? pending.code : 1006, this.#opened ? pending.reason : '');
    }
    // The uni-app App fires onError and never onClose (dcloudio/uni-app#1619): the runtime is done then.
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#closeNative();
      this.#nativeEnded();
      this.#end(1006, '');
    }, ERROR_CLOSE_GRACE);
  }

  #onClose(result: unknown): void {
    if (this.#nativeDone) return; // a second onClose
    this.#nativeEnded();
    if (!this.#live) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const asked = this.#closeAsked;
    const rawCode = read(result, 'code');
    const rawReason = read(result, 'reason');
    const code = typeof rawCode === 'number' && Number.isInteger(rawCode) ? rawCode : (asked?.code ?? (this.#errored ? 1006 : 1005));
    const reason = typeof rawReason === 'string' ? rawReason : (asked?.reason ?? '');
    if (!this.#opened) {
      // A dial that failed: error, then close 1006 (contract section 4), the error perhaps still to come.
      if (this.#errored) return this.#end(1006, '');
      return this.#awaitError({ code: 1006, reason: '' }, () => this.#sink.error(errorFailure(result, false)));
    }
    // A close that may follow a failure (the runtime failed the connection: 1002, 1006, 1007, ...) waits for its onError.
    if (FAILURE_CODES.has(code) && !this.#errored && asked === undefined) return this.#awaitError({ code, reason });
    this.#end(code, reason);
  }

  /** Holds an abnormal close briefly for an onError that a runtime sends after it; `otherwise` runs if none came. */
  #awaitError(close: { code: number; reason: string }, otherwise?: () => void): void {
    this.#pendingClose = close;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#live) return;
      otherwise?.();
      this.#end(close.code, close.reason);
    }, CLOSE_ERROR_GRACE);
  }

  #closeFailed(cause: unknown): void {
    void cause;
    if (!this.#live) return;
    // The runtime would not close an open task (or never said it did): stop listening and report it dropped.
    this.abort();
    this.#live = true;
    this.#end(1006, '');
  }

  /** Ends the connection on our side: error, then close with `closeCode`. */
  #fail(code: ErrCodeValue, detail: string, closeCode: number, cause?: unknown): void {
    if (!this.#live) return;
    this.abort();
    this.#live = true;
    this.#errored = true;
    this.#sink.error({ code, detail, cause });
    this.#end(closeCode, '');
  }

  #tooBig(): void {
    this.#fail(ErrCode.MESSAGE_TOO_BIG, String(this.#request.maxPayload), 1009);
  }

  #end(code: number, reason: string): void {
    if (!this.#live) return;
    this.#live = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pendingClose = undefined;
    this.#sink.close(code, reason);
  }

  #nativeEnded(): void {
    if (this.#nativeDone) return;
    this.#nativeDone = true;
    this.#slot.release();
  }

  #closeNative(): void {
    const task = this.#task;
    if (task === undefined || this.#nativeDone) return;
    try {
      const returned = this.calling(() => task.close({ code: 1000, reason: '' }));
      if (isThenable(returned)) Promise.resolve(returned).catch(() => undefined);
    } catch {
      // closing a task that is already closing or closed (or a runtime that throws): nothing more to do
    }
  }

  // ---- ordering -----------------------------------------------------------------------

  /** Delivers at once, unless one of our calls is on the stack or earlier deliveries wait: then in order, later. */
  #run(delivery: Delivery): void {
    if (this.#calling === 0 && this.#queue === undefined) {
      const pending = delivery();
      if (pending !== undefined) this.#hold(pending);
      return;
    }
    (this.#queue ??= []).push(delivery);
    if (!this.#scheduled && !this.#holding) {
      this.#scheduled = true;
      queueMicrotask(this.#drain);
    }
  }

  /** A delivery that returned a Promise (a Blob being read) holds the ones after it back. */
  #hold(pending: Promise<void>): void {
    this.#queue ??= [];
    this.#holding = true;
    void pending.then(() => {
      this.#holding = false;
      this.#drain();
    });
  }

  readonly #drain = (): void => {
    this.#scheduled = false;
    for (;;) {
      const queue = this.#queue;
      if (queue === undefined || this.#holding) return;
      const next = queue.shift();
      if (next === undefined) {
        this.#queue = undefined;
        return;
      }
      const pending = next();
      if (pending !== undefined) return this.#hold(pending);
    }
  };
}
