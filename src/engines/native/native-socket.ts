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
import * as Code from '../../codes.js';
import type { ErrCodeValue } from '../../errors.js';
import type { SocketTimingProfile } from '../../types.js';
import { utf8Length } from '../../utf8.js';
import { CLOSE_TIMEOUT, notWritten, type DialRequest, type EngineFailure, type EngineSink, type EngineSocket } from '../engine.js';
import { errorFailure, sendError } from './native-errors.js';
import { isObject, isThenable, read, type NativeTask } from './native-api.js';
import type { Slot } from './slots.js';

/** Milliseconds an onError waits for its onClose before the engine ends the connection itself. */
export const ERROR_CLOSE_GRACE = 100;
/** Milliseconds an abnormal onClose (1006, or before open) waits for an onError that comes after it. */
export const CLOSE_ERROR_GRACE = 30;

type Delivery = () => void | Promise<void>;
const invoke = (delivery: Delivery): void | Promise<void> => delivery();

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

/** A Promise a runtime's method returns (Taro H5's send and close) may reject: its fail callback already said so. */
function ignoreRejection(returned: unknown): void {
  if (isThenable(returned)) Promise.resolve(returned).catch(() => undefined);
}

/** One connection over one native task, as the engine and the dial code drive it. */
export interface NativeSocket extends EngineSocket {
  /** The dial code is about to call connectSocket. */
  markDialled(): void;
  /** Runs `call` (a call into the runtime) with reports held until it returns. */
  calling<T>(call: () => T): T;
  /** The runtime's task is known: listen to it (each listener registered once: Taro H5 has one slot per event). */
  attach(task: NativeTask): void;
  /** connectSocket failed (fail callback, a throw, a rejected Promise, garbage): error, then close 1006. */
  connectFailed(failure: EngineFailure): void;
}

/**
 * The state lives in the closure, not in `#private` fields: the device build is ES2018,
 * where each private field becomes a WeakMap looked up on every access (size and speed).
 */
export function nativeSocket(sink: EngineSink, request: DialRequest, slot: Slot): NativeSocket {
  /** connectSocket has been called: the slot now stays held until the runtime is done. */
  let dialled = false;
  let task: NativeTask | undefined;
  /** The sink still listens. */
  let live = true;
  /** minisocket no longer wants this connection: close the native task whenever it can be. */
  let abandoned = false;
  let opened = false;
  let errored = false;
  /** The runtime is done with the task (onClose, a failed connectSocket, or an error with no close). */
  let nativeDone = false;
  let closeAsked: { code: number; reason: string } | undefined;
  /** A close that waits for a late onError. */
  let pendingClose: { code: number; reason: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes handed to the runtime whose send has not called back yet. */
  let buffered = 0;
  /** Our calls into the runtime on the stack: reports arriving meanwhile are queued. */
  let depth = 0;
  let queue: Delivery[] | undefined;
  let scheduled = false;
  let holding = false;

  const calling = <T>(call: () => T): T => {
    depth++;
    try {
      return call();
    } finally {
      depth--;
    }
  };

  /** Stops a pending timer (the error grace, the close wait). */
  const stopTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  /** minisocket is done with the connection: nothing more is reported; the native task is closed when it can be. */
  const abort = (): void => {
    live = false;
    if (abandoned) return;
    abandoned = true;
    stopTimer();
    // Still waiting for a slot: give the claim up. Waiting for the runtime's Promise: attach closes the task.
    if (!dialled) slot.cancel();
    else closeNative();
  };

  // ---- native reports ---------------------------------------------------------------

  const onOpen = (result: unknown): void => {
    if (nativeDone || opened) return;
    // WeChat and Baidu: close() before open did nothing, so the abandoned task is closed now.
    if (abandoned) return closeNative();
    if (!live) return;
    const header = headersOf(read(result, 'header'));
    // Where a runtime passes the response headers, the subprotocol is checked as a browser does (tt seed's tip).
    const offered = request.protocols;
    if (offered.length > 0 && Object.keys(header).length > 0) {
      const chosen = header['sec-websocket-protocol'];
      if (chosen === undefined || !offered.includes(chosen)) {
        return fail(
          Code.NO_AGREED_PROTOCOL,
          chosen === undefined ? 'the server chose none' : 'the server chose one that was not offered',
          1006
        );
      }
    }
    opened = true;
    const profile = read(result, 'profile');
    sink.open(header, isObject(profile) ? (profile as unknown as SocketTimingProfile) : undefined);
  };

  const message = (data: unknown): void | Promise<void> => {
    if (!live) return;
    const max = request.maxPayload;
    if (typeof data === 'string') {
      if (data.length > max / 3 && utf8Length(data) > max) return tooBig();
      sink.message(data);
    } else if (isArrayBuffer(data)) {
      if (data.byteLength > max) return tooBig();
      sink.message(data);
    } else if (ArrayBuffer.isView(data)) {
      if (data.byteLength > max) return tooBig();
      sink.message(exactBytes(data));
    } else if (isBlob(data)) {
      return data.arrayBuffer().then(
        (buffer) => void message(buffer),
        (cause: unknown) => fail(Code.SYSTEM_ERROR, 'could not read a binary message', 1006, cause)
      );
    } else {
      // Never drop a message silently: a runtime that hands over something else ends the connection loudly.
      fail(Code.SYSTEM_ERROR, `unexpected message data ${toTag.call(data)}`, 1006, data);
    }
  };

  /** The runtime's onMessage result, in order: a message counts only once open. */
  const deliverMessage = (result: unknown): void | Promise<void> => (live && opened ? message(read(result, 'data')) : undefined);

  const onError = (result: unknown): void => {
    // After onClose only the error a close is waiting for counts.
    if (nativeDone && pendingClose === undefined) return;
    if (live && !errored) {
      errored = true;
      sink.error(errorFailure(result, opened));
      const pending = pendingClose;
      if (pending !== undefined) return end(opened ? pending.code : 1006, opened ? pending.reason : '');
    }
    // The uni-app App fires onError and never onClose (dcloudio/uni-app#1619): the runtime is done then.
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      closeNative();
      nativeEnded();
      end(1006, '');
    }, ERROR_CLOSE_GRACE);
  };

  const onClose = (result: unknown): void => {
    if (nativeDone) return; // a second onClose
    nativeEnded();
    if (!live) return;
    stopTimer();
    const asked = closeAsked;
    const rawCode = read(result, 'code');
    const rawReason = read(result, 'reason');
    const code = typeof rawCode === 'number' && Number.isInteger(rawCode) ? rawCode : (asked?.code ?? (errored ? 1006 : 1005));
    const reason = typeof rawReason === 'string' ? rawReason : (asked?.reason ?? '');
    if (!opened) {
      // A dial that failed: error, then close 1006 (contract section 4), the error perhaps still to come.
      if (errored) return end(1006, '');
      return awaitError({ code: 1006, reason: '' }, () => sink.error(errorFailure(result, false)));
    }
    // A close that may follow a failure (the runtime failed the connection: 1002, 1006, 1007, ...) waits for its onError.
    if (FAILURE_CODES.has(code) && !errored && asked === undefined) return awaitError({ code, reason });
    end(code, reason);
  };

  /** Holds an abnormal close briefly for an onError that a runtime sends after it; `otherwise` runs if none came. */
  const awaitError = (close: { code: number; reason: string }, otherwise?: () => void): void => {
    pendingClose = close;
    timer = setTimeout(() => {
      timer = undefined;
      if (!live) return;
      otherwise?.();
      end(close.code, close.reason);
    }, CLOSE_ERROR_GRACE);
  };

  /** The runtime would not close an open task (or never said it did): stop listening and report it dropped. */
  const closeFailed = (): void => {
    if (!live) return;
    abort();
    live = true;
    end(1006, '');
  };

  /** Ends the connection on our side: error, then close with `closeCode`. */
  const fail = (code: ErrCodeValue, detail: string, closeCode: number, cause?: unknown): void => {
    if (!live) return;
    abort();
    live = true;
    errored = true;
    sink.error({ code, detail, cause });
    end(closeCode, '');
  };

  const tooBig = (): void => fail(Code.MESSAGE_TOO_BIG, String(request.maxPayload), 1009);

  const end = (code: number, reason: string): void => {
    if (!live) return;
    live = false;
    stopTimer();
    pendingClose = undefined;
    sink.close(code, reason);
  };

  const nativeEnded = (): void => {
    if (nativeDone) return;
    nativeDone = true;
    slot.release();
  };

  /** Closes the native task, whatever it does then: a Promise it returns may reject, a method may throw. */
  const closeNative = (): void => {
    const native = task;
    if (native === undefined || nativeDone) return;
    try {
      ignoreRejection(calling(() => native.close({ code: 1000, reason: '' })));
    } catch {
      // closing a task that is already closing or closed (or a runtime that throws): nothing more to do
    }
  };

  // ---- ordering -----------------------------------------------------------------------

  /** Delivers at once, unless one of our calls is on the stack or earlier deliveries wait: then in order, later. */
  const run = (delivery: Delivery): void => runWith(invoke, delivery);

  /** run() for a delivery of one argument: no closure is made when nothing waits (the usual message and send outcome). */
  const runWith = <A>(deliver: (arg: A) => ReturnType<Delivery>, arg: A): void => {
    if (depth === 0 && queue === undefined) {
      const pending = deliver(arg);
      if (pending !== undefined) hold(pending);
      return;
    }
    (queue ??= []).push(() => deliver(arg));
    if (!scheduled && !holding) {
      scheduled = true;
      queueMicrotask(drain);
    }
  };

  /** A delivery that returned a Promise (a Blob being read) holds the ones after it back. */
  const hold = (pending: Promise<void>): void => {
    queue ??= [];
    holding = true;
    void pending.then(() => {
      holding = false;
      drain();
    });
  };

  const drain = (): void => {
    scheduled = false;
    for (;;) {
      if (queue === undefined || holding) return;
      const next = queue.shift();
      if (next === undefined) {
        queue = undefined;
        return;
      }
      const pending = next();
      if (pending !== undefined) return hold(pending);
    }
  };

  return {
    get bufferedAmount() {
      return buffered;
    },
    markDialled() {
      dialled = true;
    },
    calling,
    attach(native) {
      task = native;
      const listen = (name: 'onOpen' | 'onMessage' | 'onError' | 'onClose', listener: (result?: unknown) => void): void => {
        try {
          calling(() => native[name](listener));
        } catch {
          // a runtime that throws here cannot report that event; the handshake timeout still ends the task
        }
      };
      listen('onOpen', (result) => run(() => onOpen(result)));
      listen('onMessage', (result) => runWith(deliverMessage, result));
      listen('onError', (result) => run(() => onError(result)));
      listen('onClose', (result) => run(() => onClose(result)));
      if (abandoned) closeNative();
    },
    connectFailed(failure) {
      run(() => {
        if (nativeDone) return;
        nativeEnded();
        if (!live || errored) return;
        errored = true;
        sink.error(failure);
        end(1006, '');
      });
    },
    send(data, callback) {
      const native = task;
      if (native === undefined || !live || nativeDone) {
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
        buffered -= size;
        if (callback !== undefined) runWith(callback, error);
      };
      buffered += size;
      // calling(), written out: this runs for every message sent.
      depth++;
      try {
        // Taro H5's send returns a Promise that rejects when not open; its fail callback already said so.
        ignoreRejection(native.send({ data: payload, success: () => settle(null), fail: (result) => settle(sendError(result)) }));
      } catch (error) {
        if (settled) return;
        settled = true;
        buffered -= size;
        // A method that throws once the task closed (dcloudio/uni-app#1372): not written.
        const failed = nativeDone || errored ? notWritten() : error instanceof Error ? error : new Error(String(error));
        if (callback === undefined) throw failed;
        setTimeout(() => callback(failed), 0);
      } finally {
        depth--;
      }
    },
    close(code, reason) {
      closeAsked = { code, reason };
      const native = task;
      if (native === undefined) return abort();
      try {
        ignoreRejection(calling(() => native.close({ code, reason, fail: () => run(closeFailed) })));
      } catch {
        run(closeFailed);
        return;
      }
      // A runtime that never reports the close: give up as ws does, and report the connection dropped.
      clearTimeout(timer);
      timer = setTimeout(closeFailed, CLOSE_TIMEOUT);
    },
    abort
  };
}
