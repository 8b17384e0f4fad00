/**
 * Link: one connection's core. It owns the state machine over one engine connection
 * (docs/contract.md sections 3 and 4), takes values that were already read (src/task/arguments.ts),
 * and tells its events to the task's own listeners, then to any number of subscribers,
 * then to the API's observer (the global onSocketX functions). It knows no platform and
 * no engine: the API layer hands it a TaskHost and an Engine.
 */
import * as Code from '../codes.js';
import { describe, sendOk, closeOk, type ApiName, type ErrCodeValue, type Failure, type SocketError } from '../errors.js';
import { isNotWritten, type DialRequest, type Engine, type EngineFailure, type EngineSink, type EngineSocket } from '../engines/engine.js';
import {
  ReadyState,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type ReadyStateValue,
  type SocketTimingProfile
} from '../types.js';
import { hasCallbacks, NO_CALLBACKS, settleLater, settleNow, type CallbackSet } from './callbacks.js';
import { Listeners } from './listeners.js';
import { tellAll, type TaskPort, type TaskSubscriber } from './port.js';
import { isConnecting, isLive, isOpen, transition, type LinkEvent } from './states.js';
import { byteLength, toSendable } from './validate.js';

/** uni-app x: the bytes waiting to be written may not exceed 16 MiB. */
export const SEND_QUEUE_LIMIT = 16 * 1024 * 1024;

/** What the API layer provides to each link it creates. */
export interface TaskHost {
  readonly acceptViews: boolean;
  warn(message: string): void;
  /** Where a throwing listener or callback is reported. */
  readonly warnThrow: (error: unknown) => void;
  /** The SocketError of a failure, in the profile's wording (src/errors.ts formats it). */
  error(failure: Failure): SocketError;
  /** The link has ended: called once, before its onClose (or, for a link that never dialled, after its onError, with `refused`). */
  ended(link: Link, refused?: boolean): void;
  /** The global onSocketX slots, told of each event last. */
  readonly observer?: TaskObserver | undefined;
}

export interface TaskObserver {
  open(link: Link, header: Record<string, string>): void;
  message(link: Link, result: OnSocketMessageResult): void;
  error(link: Link, result: OnSocketErrorResult): void;
  close(link: Link, result: OnSocketCloseResult): void;
}

/** A send with callbacks that has not been written yet. */
interface PendingSend {
  callbacks: CallbackSet;
  /** Set once the engine has answered (or the send was refused): null for written, else why not. */
  failure: Failure | null | undefined;
}

const NO_SUBSCRIBERS: readonly TaskSubscriber[] = [];

/**
 * Forwards engine reports to the link until detached: once the link has decided how a
 * connection ends (timeout, abort, overflow), later engine reports are stale.
 */
class Sink implements EngineSink {
  live = true;
  constructor(private readonly link: Link) {}
  open(header: Record<string, string>, profile: SocketTimingProfile | undefined): void {
    if (this.live) this.link.engineOpened(header, profile);
  }
  message(data: string | ArrayBuffer): void {
    if (this.live) this.link.engineMessage(data);
  }
  error(failure: EngineFailure): void {
    if (!this.live) return;
    this.link.failCloseCode ??= failure.closeCode;
    // issue 14: a refused handshake's Retry-After, read by the reconnect layer.
    if (failure.retryAfter !== undefined) this.link.retryAfter = failure.retryAfter;
    this.link.fail({ api: 'connectSocket', ...failure });
  }
  close(code: number, reason: string): void {
    if (this.live) this.link.finish(code, reason);
  }
  pong(): void {
    if (this.live) this.link.tell('pong', undefined);
  }
}

/** A refused call: fail then complete after the call returns; a send with no callbacks to tell is warned about. */
export function refuseCall(host: Pick<TaskHost, 'error' | 'warn' | 'warnThrow'>, failure: Failure, callbacks: CallbackSet): void {
  const error = host.error(failure);
  if (hasCallbacks(callbacks)) settleLater(callbacks, false, error, host.warnThrow);
  else if (failure.api === 'sendSocketMessage') host.warn(`sendSocketMessage failed with no callback to tell: ${error.errMsg}`);
}

export class Link implements TaskPort {
  readonly opens = new Listeners<OnSocketOpenResult>();
  readonly messages = new Listeners<OnSocketMessageResult>();
  readonly errors = new Listeners<OnSocketErrorResult>();
  readonly closes = new Listeners<OnSocketCloseResult>();
  #state: ReadyStateValue = ReadyState.CONNECTING;
  #url: string | undefined = undefined;
  #socket: EngineSocket | undefined = undefined;
  #sink: Sink | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #pending: PendingSend[] | undefined = undefined;
  #ended = false;
  #subscribers: readonly TaskSubscriber[] = NO_SUBSCRIBERS;
  /** The close code the engine sent when it failed the connection (its onClose reports it). */
  failCloseCode: number | undefined = undefined;
  /** What an unconfirmed send fails with when the link ends: "not written" only where the engine knows. */
  #unconfirmed: ErrCodeValue = Code.UNKNOWN_IF_WRITTEN;
  /** A refused handshake's `Retry-After` header, where the engine could read it (issue 14: the reconnect layer reads it). */
  retryAfter: string | undefined = undefined;

  constructor(
    readonly id: number,
    readonly host: TaskHost
  ) {}

  get readyState(): ReadyStateValue {
    return this.#state;
  }

  get url(): string | undefined {
    return this.#url;
  }

  warn(message: string): void {
    this.host.warn(message);
  }

  /** Moves the state machine; an event that does not apply in the current state changes nothing. */
  #move(event: LinkEvent): void {
    this.#state = transition(this.#state, event) ?? this.#state;
  }

  // ---- subscribers ------------------------------------------------------------------

  subscribe(subscriber: TaskSubscriber): void {
    if (!this.#subscribers.includes(subscriber)) this.#subscribers = this.#subscribers.concat(subscriber);
  }

  unsubscribe(subscriber: TaskSubscriber): void {
    const rest = this.#subscribers.filter((s) => s !== subscriber);
    this.#subscribers = rest.length === 0 ? NO_SUBSCRIBERS : rest;
  }

  /** Tells every subscriber that has a method for `event`. */
  tell<K extends keyof TaskSubscriber>(event: K, result: Parameters<NonNullable<TaskSubscriber[K]>>[0]): void {
    if (this.#subscribers.length > 0) tellAll(this.#subscribers, event, result, this.host.warnThrow);
  }

  // ---- ping and abort, for the layers above -----------------------------------------

  get engineBuffered(): number | undefined {
    // Sure only where the engine knows what it did not write (knowsUnwritten, read at dial).
    return this.#unconfirmed === Code.CLOSED_BEFORE_WRITE ? this.#socket?.bufferedAmount : undefined;
  }

  get canPing(): boolean {
    return typeof this.#socket?.ping === 'function';
  }

  ping(): boolean {
    const socket = this.#socket;
    if (!isOpen(this.#state) || socket?.ping === undefined) return false;
    try {
      socket.ping();
      return true;
    } catch {
      return false; // the link is going away; its close will say so
    }
  }

  /** Ends the connection for a failure found above the link (the heartbeat's missed pong): error, then close 1006. */
  abortWithError(failure: Failure): void {
    // A link that already failed has reported its one error; its close is on the way (issue 11, finding 5).
    if (this.#ended || !isLive(this.#state)) return;
    this.#abortEngine();
    this.fail(failure);
    this.finish(1006, '');
  }

  /**
   * Ends a link that has failed without waiting for the closing handshake (a server that
   * keeps its TCP side open would hold it for the 30 s close timeout): the reconnect layer
   * treats the link as gone at the error (issue 11, finding 4). onClose reports the code the
   * engine sent for the failure, as it would have after the handshake.
   */
  drop(): void {
    if (this.#ended || isLive(this.#state)) return;
    this.#abortEngine();
    this.finish(this.failCloseCode ?? 1006, '');
  }

  // ---- lifecycle driven by the API layer -------------------------------------------

  /** Starts the handshake; `timeout` bounds all of it (DNS, TCP, TLS, HTTP upgrade). */
  dial(engine: Engine, request: DialRequest, timeout: number): void {
    this.#url = request.url;
    if (engine.capabilities.knowsUnwritten === true) this.#unconfirmed = Code.CLOSED_BEFORE_WRITE;
    const sink = (this.#sink = new Sink(this));
    try {
      this.#socket = engine.connect(request, sink);
    } catch (cause) {
      // An engine that throws synchronously (a WHATWG constructor does) is reported like any handshake failure.
      sink.live = false;
      queueMicrotask(() => {
        this.fail({ api: 'connectSocket', code: Code.HANDSHAKE_FAILED, detail: describe(cause), cause });
        this.finish(1006, '');
      });
      return;
    }
    this.#timer = setTimeout(() => this.#handshakeTimedOut(), timeout);
  }

  /** The call was refused before dialling: fail, complete, then onError; the link is dead. */
  reject(failure: Failure, callbacks: CallbackSet): SocketError {
    this.#move('refused');
    this.#ended = true;
    const error = this.host.error(failure);
    settleLater(callbacks, false, error, this.host.warnThrow);
    queueMicrotask(() => {
      this.#deliverError(error);
      this.host.ended(this, true);
    });
    return error;
  }

  #handshakeTimedOut(): void {
    this.#timer = undefined;
    if (!isConnecting(this.#state)) return;
    this.#abortEngine();
    this.fail({ api: 'connectSocket', code: Code.TIMEOUT });
    this.finish(1006, '');
  }

  /** Detaches from the engine and tears it down; what the engine reports afterwards is ignored. */
  #abortEngine(): void {
    if (this.#sink) this.#sink.live = false;
    this.#socket?.abort();
  }

  // ---- engine reports (via Sink) -------------------------------------------------

  engineOpened(header: Record<string, string>, profile: SocketTimingProfile | undefined): void {
    if (!isConnecting(this.#state)) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#move('opened');
    if (this.opens.size > 0 || this.#subscribers.length > 0) {
      const result: OnSocketOpenResult = profile === undefined ? { header } : { header, profile };
      this.opens.emit(result, this.host.warnThrow);
      this.tell('open', result);
    }
    // The globals' onSocketOpen gets `{ header }` only; the observer builds it if its slot is taken.
    this.host.observer?.open(this, header);
  }

  engineMessage(data: string | ArrayBuffer): void {
    // WHATWG delivers messages only while OPEN: after our close() a browser drops them, so Node does too.
    if (!isOpen(this.#state)) return;
    const observer = this.host.observer;
    if (this.messages.size === 0 && this.#subscribers.length === 0 && observer === undefined) return;
    const result = { data };
    this.messages.emit(result, this.host.warnThrow);
    if (this.#subscribers.length > 0) this.tell('message', result);
    observer?.message(this, result);
  }

  /**
   * A failure that ends the connection: the link is CLOSING from here on (a browser's is
   * CLOSED), so a close() in onError fails "not connected" and onClose still reports the failure.
   */
  fail(failure: Failure): void {
    if (this.#ended) return;
    this.#move('failed');
    this.#deliverError(this.host.error(failure));
  }

  #deliverError(error: SocketError): void {
    this.errors.emit(error, this.host.warnThrow);
    this.tell('error', error);
    this.host.observer?.error(this, error);
  }

  /** The one way a dialled link ends: pending sends fail, the slot is freed, then onClose. */
  finish(code: number, reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#sink) this.#sink.live = false;
    this.#move('finished');
    this.#socket = undefined;
    this.#failPending();
    this.host.ended(this);
    const result = { code, reason };
    this.closes.emit(result, this.host.warnThrow);
    this.tell('close', result);
    this.host.observer?.close(this, result);
  }

  // ---- send -------------------------------------------------------------------------

  /** `data` as read from send()'s options: checked here, in the contract's order (not open, then not sendable). */
  sendValue(value: unknown, callbacks: CallbackSet): void {
    const socket = this.#socket;
    if (!isOpen(this.#state) || socket === undefined) {
      // Outcomes in send order (issue 11, finding 2): while earlier sends still wait for the
      // engine (a close frame has arrived, the socket is not gone yet), this fail queues behind them.
      if (this.#pending !== undefined && this.#pending.length > 0 && hasCallbacks(callbacks)) {
        this.#pending.push({ callbacks, failure: { api: 'sendSocketMessage', code: Code.NOT_CONNECTED } });
        return;
      }
      return this.refuseSend(callbacks, Code.NOT_CONNECTED);
    }
    const data = toSendable(value, this.host.acceptViews);
    if (data === undefined) return this.refuseSend(callbacks, Code.INVALID_SEND_DATA);

    // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: count exactly only near the limit.
    const buffered = socket.bufferedAmount;
    const bound = typeof data === 'string' ? data.length * 3 : data.byteLength;
    if (buffered + bound > SEND_QUEUE_LIMIT && buffered + byteLength(data) > SEND_QUEUE_LIMIT) {
      return this.#overflow(callbacks);
    }

    if (callbacks === NO_CALLBACKS) {
      try {
        socket.send(data);
      } catch (error) {
        this.host.warn(`sendSocketMessage failed with no callback to tell: ${describe(error)}`);
      }
      return;
    }
    const entry: PendingSend = { callbacks, failure: undefined };
    try {
      socket.send(data, (error) => this.#written(entry, error));
    } catch (error) {
      // An engine that throws (a WHATWG send in a bad state) still owes this send one outcome.
      return this.refuseSend(callbacks, Code.SYSTEM_ERROR, describe(error), error);
    }
    // Callbacks run asynchronously, so the entry is in place before any can.
    (this.#pending ??= []).push(entry);
  }

  #written(entry: PendingSend, error: Error | null | undefined): void {
    if (entry.failure !== undefined) return;
    // The engine says whether the message was not written because the connection went away;
    // anything else is the engine's own failure.
    entry.failure =
      error == null
        ? null
        : !isOpen(this.#state) || isNotWritten(error)
          ? { api: 'sendSocketMessage', code: Code.CLOSED_BEFORE_WRITE, cause: error }
          : { api: 'sendSocketMessage', code: Code.SYSTEM_ERROR, detail: describe(error), cause: error };
    // Outcomes in send order (issue 11, finding 2): an engine may answer a later send first
    // (ws fails a send made while closing at once, while earlier ones still wait in its
    // buffers), so an answered send waits until every send before it has its outcome.
    const pending = this.#pending!;
    while (pending.length > 0 && pending[0]!.failure !== undefined) this.#settle(pending.shift()!);
  }

  #settle(entry: PendingSend): void {
    const failure = entry.failure;
    if (failure === null) settleNow(entry.callbacks, true, sendOk(), this.host.warnThrow);
    else settleNow(entry.callbacks, false, this.host.error(failure!), this.host.warnThrow);
  }

  /** At the end: every send still waiting gets its outcome, in send order. */
  #failPending(): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    for (const entry of pending) {
      entry.failure ??= { api: 'sendSocketMessage', code: this.#unconfirmed };
      this.#settle(entry);
    }
  }

  /** uni-app x's rule: over 16 MiB waiting, the send fails 10001 and the connection is closed. */
  #overflow(callbacks: CallbackSet): void {
    const failure: Failure = { api: 'sendSocketMessage', code: Code.SEND_QUEUE_FULL };
    // Outcomes in send order: the earlier sends that were not written, then this one, then
    // the sends refused after it (they queue behind it in #pending).
    if (hasCallbacks(callbacks)) (this.#pending ??= []).push({ callbacks, failure });
    this.#move('failed');
    this.#abortEngine();
    queueMicrotask(() => {
      this.#failPending();
      if (!hasCallbacks(callbacks)) {
        this.host.warn(`sendSocketMessage failed with no callback to tell: ${this.host.error(failure).errMsg}`);
      }
      this.fail(failure);
      // onClose one microtask later: the sends refused after the overflow in the same turn
      // (and from the onError listeners) queued their fail before it, so every outcome comes
      // before the terminal event (issue 11, finding 16).
      queueMicrotask(() => this.finish(1006, 'send queue over 16 MiB'));
    });
  }

  refuseSend(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    this.#refuse('sendSocketMessage', callbacks, code, detail, cause);
  }

  refuseClose(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    this.#refuse('closeSocket', callbacks, code, detail, cause);
  }

  #refuse(api: ApiName, callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(this.host, { api, code, detail, cause }, callbacks);
  }

  // ---- close ------------------------------------------------------------------------

  get closable(): boolean {
    return isLive(this.#state);
  }

  /** A checked close (src/task/arguments.ts): closes the connection, or aborts a handshake in progress. */
  closeWith(code: number, reason: string, callbacks: CallbackSet): void {
    this.tell('closeAccepted', undefined);
    const wasConnecting = isConnecting(this.#state);
    this.#move('closeAsked');
    settleLater(callbacks, true, closeOk(), this.host.warnThrow);
    if (wasConnecting) {
      // No handshake to close: abort it and report exactly the close the caller asked for.
      this.#abortEngine();
      queueMicrotask(() => this.finish(code, reason));
    } else {
      this.#socket!.close(code, reason);
    }
  }
}
