/**
 * SocketTask: the state machine of one connection, its listeners, and the rules of
 * send and close (SPEC sections 2 to 5). It knows no platform and no engine: the API
 * layer hands it a `TaskHost` and an `Engine`.
 */
import { closeOk, describe, ErrCode, sendOk, socketError, type ApiName, type ErrCodeValue, type SocketError } from '../errors.js';
import { NOT_WRITTEN, type DialRequest, type Engine, type EngineFailure, type EngineSink, type EngineSocket } from '../engines/engine.js';
import {
  ReadyState,
  type CloseSocketOptions,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type ReadyStateValue,
  type SendSocketMessageOptions,
  type SocketTask,
  type SocketTimingProfile
} from '../types.js';
import { hasCallbacks, NO_CALLBACKS, readCallbacks, settleLater, settleNow, type CallbackSet } from './callbacks.js';
import { TaskEvents } from './task-events.js';
import { byteLength, isInvalid, isSendable, readClose, validateClose } from './validate.js';

/** uni-app x: the bytes waiting to be written may not exceed 16 MiB. */
export const SEND_QUEUE_LIMIT = 16 * 1024 * 1024;

/** What the API layer provides to each task it creates. */
export interface TaskHost {
  readonly acceptViews: boolean;
  warn(message: string): void;
  /** Profile hook: adds profile fields (uni's errSubject) to every fail and error result. */
  decorate(error: SocketError): SocketError;
  /** The task has ended: called once, before its onClose (or, for a task that never dialled, after its onError). */
  ended(task: SocketTaskImpl): void;
  /** The global onSocketX slots, told of each event after the task's own listeners. */
  readonly observer?: TaskObserver | undefined;
}

export interface TaskObserver {
  open(task: SocketTaskImpl, result: OnSocketOpenResult): void;
  message(task: SocketTaskImpl, result: OnSocketMessageResult): void;
  error(task: SocketTaskImpl, result: OnSocketErrorResult): void;
  close(task: SocketTaskImpl, result: OnSocketCloseResult): void;
}

/** A send with callbacks that has not been written yet. */
interface PendingSend {
  callbacks: CallbackSet;
  done: boolean;
}

/** Write errors that say the connection ended under the message (POSIX and Node stream codes). */
const CONNECTION_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', NOT_WRITTEN]);

/** The callback options, read as readCallbacks reads them (a getter that throws means none), with no allocation. */
type MaybeCallback = CallbackSet['success'];
const asCallback = (value: unknown): MaybeCallback => (typeof value === 'function' ? (value as MaybeCallback) : undefined);
function successOf(options: SendSocketMessageOptions): MaybeCallback {
  try {
    return asCallback(options.success);
  } catch {
    return undefined;
  }
}
function failOf(options: SendSocketMessageOptions): MaybeCallback {
  try {
    return asCallback(options.fail);
  } catch {
    return undefined;
  }
}
function completeOf(options: SendSocketMessageOptions): MaybeCallback {
  try {
    return asCallback(options.complete);
  } catch {
    return undefined;
  }
}

/**
 * Forwards engine reports to the task until detached: once the task has decided how a
 * connection ends (timeout, abort, overflow), later engine reports are stale.
 */
class Sink implements EngineSink {
  live = true;
  constructor(private readonly task: SocketTaskImpl) {}
  open(header: Record<string, string>, profile: SocketTimingProfile | undefined): void {
    if (this.live) this.task._handleOpen(header, profile);
  }
  message(data: string | ArrayBuffer): void {
    if (this.live) this.task._handleMessage(data);
  }
  error(failure: EngineFailure): void {
    if (!this.live) return;
    const error = socketError('connectSocket', failure.code, failure.detail, failure.cause);
    if (failure.statusCode !== undefined) error.statusCode = failure.statusCode;
    if (failure.retryAfter !== undefined) this.task._retryAfter = failure.retryAfter;
    this.task._emitError(error);
  }
  close(code: number, reason: string): void {
    if (this.live) this.task._finish(code, reason);
  }
  pong(): void {
    if (this.live) this.task._handlePong();
  }
}

export class SocketTaskImpl extends TaskEvents implements SocketTask {
  private state: ReadyStateValue = ReadyState.CONNECTING;
  private socket: EngineSocket | undefined;
  private sink: Sink | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: PendingSend[] | undefined;
  private ended = false;
  /** Set by the heartbeat layer; called when a pong frame arrives. */
  onPongFrame: (() => void) | undefined;
  /** A refused handshake's `Retry-After` header, where the engine could read it; read by the reconnect layer. */
  _retryAfter: string | undefined;
  /** Set by the reconnect layer; called when a close() is accepted (whoever called it, the application wants the end). */
  onCloseAccepted: (() => void) | undefined;

  constructor(
    readonly socketTaskId: number,
    private readonly host: TaskHost
  ) {
    super(host.warn);
  }

  get readyState(): ReadyStateValue {
    return this.state;
  }

  /** Whether the engine beneath can send ping frames (the heartbeat's probe on Node). */
  get canPing(): boolean {
    return typeof this.socket?.ping === 'function';
  }

  /** Sends a ping frame; false when the task is not open or its engine cannot. */
  _ping(): boolean {
    const socket = this.socket;
    if (this.state !== ReadyState.OPEN || socket?.ping === undefined) return false;
    try {
      socket.ping();
      return true;
    } catch {
      return false; // the link is going away; its close will say so
    }
  }

  /** Ends the connection for a failure found above the task (the heartbeat's missed pong): error, then close 1006. */
  _abortWithError(error: SocketError): void {
    if (this.ended) return;
    this.abortEngine();
    this._emitError(error);
    this._finish(1006, '');
  }

  // ---- lifecycle driven by the API layer -------------------------------------------

  /** Starts the handshake; `timeout` bounds all of it (DNS, TCP, TLS, HTTP upgrade). */
  _dial(engine: Engine, request: DialRequest, timeout: number): void {
    const sink = (this.sink = new Sink(this));
    try {
      this.socket = engine.connect(request, sink);
    } catch (cause) {
      // An engine that throws synchronously (a WHATWG constructor does) is reported like any handshake failure.
      sink.live = false;
      queueMicrotask(() => {
        this._emitError(socketError('connectSocket', ErrCode.HANDSHAKE_FAILED, describe(cause), cause));
        this._finish(1006, '');
      });
      return;
    }
    this.timer = setTimeout(() => this.handshakeTimedOut(), timeout);
  }

  /** The call was refused before dialling: fail, complete, then onError; the task is dead. */
  _reject(error: SocketError, callbacks: CallbackSet): SocketError {
    this.state = ReadyState.CLOSED;
    this.ended = true;
    const decorated = this.host.decorate(error);
    settleLater(callbacks, false, decorated, this.warnThrow);
    queueMicrotask(() => {
      this.deliverError(decorated);
      this.host.ended(this);
    });
    return decorated;
  }

  private handshakeTimedOut(): void {
    this.timer = undefined;
    if (this.state !== ReadyState.CONNECTING) return;
    this.abortEngine();
    this._emitError(socketError('connectSocket', ErrCode.TIMEOUT));
    this._finish(1006, '');
  }

  /** Detaches from the engine and tears it down; what the engine reports afterwards is ignored. */
  private abortEngine(): void {
    if (this.sink) this.sink.live = false;
    this.socket?.abort();
  }

  // ---- engine reports (via Sink) -------------------------------------------------

  _handleOpen(header: Record<string, string>, profile: SocketTimingProfile | undefined): void {
    if (this.state !== ReadyState.CONNECTING) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.state = ReadyState.OPEN;
    const observer = this.host.observer;
    if (this.opens.size === 0 && observer === undefined) return;
    const result: OnSocketOpenResult = profile === undefined ? { header } : { header, profile };
    this.opens.emit(result, this.warnThrow);
    observer?.open(this, { header });
  }

  _handleMessage(data: string | ArrayBuffer): void {
    // WHATWG delivers messages only while OPEN: after our close() a browser drops them, so Node does too.
    if (this.state !== ReadyState.OPEN) return;
    const observer = this.host.observer;
    if (this.messages.size === 0 && observer === undefined) return;
    const result = { data };
    this.messages.emit(result, this.warnThrow);
    observer?.message(this, result);
  }

  _handlePong(): void {
    this.onPongFrame?.();
  }

  /** A failure that ends the connection: the task is CLOSING from here on (a browser's is CLOSED), so a close() in onError fails "not connected" and onClose still reports the failure. */
  _emitError(error: SocketError): void {
    if (this.ended) return;
    if (this.state < ReadyState.CLOSING) this.state = ReadyState.CLOSING;
    this.deliverError(this.host.decorate(error));
  }

  private deliverError(error: SocketError): void {
    this.errors.emit(error, this.warnThrow);
    this.host.observer?.error(this, error);
  }

  /** The one way a dialled task ends: pending sends fail, the slot is freed, then onClose. */
  _finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sink) this.sink.live = false;
    this.state = ReadyState.CLOSED;
    this.socket = undefined;
    this.failPending();
    this.host.ended(this);
    const result = { code, reason };
    this.closes.emit(result, this.warnThrow);
    this.host.observer?.close(this, result);
  }

  // ---- send -------------------------------------------------------------------------

  send(options: SendSocketMessageOptions): void {
    if (typeof options !== 'object' || options === null) {
      this.host.warn('SocketTask.send needs an options object: { data, success?, fail?, complete? }');
      return;
    }
    // Read as readCallbacks/readProperty do (same order, a throwing callback getter means
    // no callback), without their result objects: a plain send allocates nothing here.
    const success = successOf(options);
    const fail = failOf(options);
    const complete = completeOf(options);
    const callbacks: CallbackSet =
      success === undefined && fail === undefined && complete === undefined ? NO_CALLBACKS : { success, fail, complete };
    let data: unknown;
    try {
      data = options.data;
    } catch (error) {
      const thrown = error ?? new Error('getter threw');
      return this.sendFailed(callbacks, ErrCode.INVALID_OPTIONS, describe(thrown), thrown);
    }
    const socket = this.socket;
    if (this.state !== ReadyState.OPEN || socket === undefined) {
      return this.sendFailed(callbacks, ErrCode.NOT_CONNECTED);
    }
    if (!isSendable(data, this.host.acceptViews)) return this.sendFailed(callbacks, ErrCode.INVALID_SEND_DATA);

    // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: count exactly only near the limit.
    const buffered = socket.bufferedAmount;
    const bound = typeof data === 'string' ? data.length * 3 : data.byteLength;
    if (buffered + bound > SEND_QUEUE_LIMIT && buffered + byteLength(data) > SEND_QUEUE_LIMIT) {
      return this.overflow(callbacks);
    }

    if (callbacks === NO_CALLBACKS) {
      try {
        socket.send(data);
      } catch (error) {
        this.host.warn(`sendSocketMessage failed with no callback to tell: ${describe(error)}`);
      }
      return;
    }
    const entry: PendingSend = { callbacks, done: false };
    try {
      socket.send(data, (error) => this.written(entry, error));
    } catch (error) {
      // An engine that throws (a WHATWG send in a bad state) still owes this send one outcome.
      return this.sendFailed(callbacks, ErrCode.SYSTEM_ERROR, describe(error), error);
    }
    // Callbacks run asynchronously, so the entry is in place before any can.
    (this.pending ??= []).push(entry);
  }

  private written(entry: PendingSend, error: Error | null | undefined): void {
    if (entry.done) return;
    entry.done = true;
    const pending = this.pending!;
    // Writes complete in order, so the finished entries are at the front.
    let done = 0;
    while (done < pending.length && pending[done]!.done) done++;
    pending.splice(0, done);
    if (error == null) {
      settleNow(entry.callbacks, true, sendOk(), this.warnThrow);
    } else {
      // Most write errors mean the connection is going down (reset, destroyed); anything else is the engine's own failure.
      const gone = this.state !== ReadyState.OPEN || CONNECTION_GONE.has((error as { code?: string }).code ?? '');
      const failed = gone
        ? socketError('sendSocketMessage', ErrCode.CLOSED_BEFORE_WRITE, undefined, error)
        : socketError('sendSocketMessage', ErrCode.SYSTEM_ERROR, describe(error), error);
      settleNow(entry.callbacks, false, this.host.decorate(failed), this.warnThrow);
    }
  }

  private failPending(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    for (const entry of pending) {
      if (entry.done) continue;
      entry.done = true;
      const error = this.host.decorate(socketError('sendSocketMessage', ErrCode.CLOSED_BEFORE_WRITE));
      settleNow(entry.callbacks, false, error, this.warnThrow);
    }
  }

  /** uni-app x's rule: over 16 MiB waiting, the send fails 10001 and the connection is closed. */
  private overflow(callbacks: CallbackSet): void {
    this.state = ReadyState.CLOSING;
    this.abortEngine();
    queueMicrotask(() => {
      // Outcomes in send order: the earlier sends that were not written, then this one.
      this.failPending();
      this.sendFailedNow(callbacks, ErrCode.SEND_QUEUE_FULL);
      this._emitError(socketError('sendSocketMessage', ErrCode.SEND_QUEUE_FULL));
      this._finish(1006, 'send queue over 16 MiB');
    });
  }

  private sendFailed(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    if (!hasCallbacks(callbacks)) {
      this.host.warn(`sendSocketMessage failed with no callback to tell: ${socketError('sendSocketMessage', code, detail).errMsg}`);
      return;
    }
    this.failLater(callbacks, 'sendSocketMessage', code, detail, cause);
  }

  /** sendFailed, inside a task of our own (already asynchronous to the call). */
  private sendFailedNow(callbacks: CallbackSet, code: ErrCodeValue): void {
    const error = this.host.decorate(socketError('sendSocketMessage', code));
    if (hasCallbacks(callbacks)) settleNow(callbacks, false, error, this.warnThrow);
    else this.host.warn(`sendSocketMessage failed with no callback to tell: ${error.errMsg}`);
  }

  private failLater(callbacks: CallbackSet, api: ApiName, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    settleLater(callbacks, false, this.host.decorate(socketError(api, code, detail, cause)), this.warnThrow);
  }

  // ---- close ------------------------------------------------------------------------

  close(options?: CloseSocketOptions): void {
    const callbacks = readCallbacks(options);
    const read = readClose(options);
    if (isInvalid(read)) return this.failLater(callbacks, 'closeSocket', read.code, read.detail, read.cause);
    if (this.state === ReadyState.CLOSING || this.state === ReadyState.CLOSED) {
      return this.failLater(callbacks, 'closeSocket', ErrCode.NOT_CONNECTED);
    }
    const checked = validateClose(read.code, read.reason);
    if (isInvalid(checked)) return this.failLater(callbacks, 'closeSocket', checked.code, checked.detail);

    this.onCloseAccepted?.();
    const wasConnecting = this.state === ReadyState.CONNECTING;
    this.state = ReadyState.CLOSING;
    settleLater(callbacks, true, closeOk(), this.warnThrow);
    if (wasConnecting) {
      // No handshake to close: abort it and report exactly the close the caller asked for.
      this.abortEngine();
      queueMicrotask(() => this._finish(checked.code, checked.reason));
    } else {
      this.socket!.close(checked.code, checked.reason);
    }
  }
}

// Static too, as WHATWG WebSocket has them: SocketTaskImpl.OPEN.
for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(SocketTaskImpl, name, { value, enumerable: true });
}
