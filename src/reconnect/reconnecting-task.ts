/**
 * A SocketTask made of successive tasks: each link is an ordinary task dialled through
 * the API object's own connectSocket path (LayerHost.dial) (so profiles, config, limits and the global
 * functions see it as usual), and this task keeps the listeners, the offline queue and
 * the heartbeat across links (docs/contract.md section 9, docs/reconnect.md).
 *
 * Events: each link that opened gives one onOpen and, when it ends, one onClose; an
 * attempt that never opened gives onError only; a scheduled reconnect gives
 * onReconnecting; when the task ends for good its last event is onClose (after onGiveUp,
 * unless the application closed it), and every send still queued has had `fail`.
 *
 * Guarantee: at most once, in order. A message handed to a link is never sent again on
 * another link; one that the dying link had not written gets `fail`.
 */
import { closeOk, ErrCode, type ErrCodeValue, type Failure, type SocketError } from '../errors.js';
import type { LayerHost } from '../api/layer.js';
import { hasCallbacks, NO_CALLBACKS, readProperty, settleLater, settleNow, type CallbackSet } from '../task/callbacks.js';
import { refuseCall, type Link } from '../task/link.js';
import { Listeners } from '../task/listeners.js';
import { tellAll, type TaskPort, type TaskSubscriber } from '../task/port.js';
import { listen, TaskShell } from '../task/socket-task.js';
import { isConnecting, isLive, isOpen } from '../task/states.js';
import { toSendable } from '../task/validate.js';
import {
  ReadyState,
  type Listener,
  type OnReconnectingResult,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type ReadyStateValue,
  type ReconnectingSocketTask
} from '../types.js';
import { backoffDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import type { LayerSettings } from './options.js';
import { OfflineQueue } from './queue.js';

/** connectSocket's options that each new link is dialled with (callbacks belong to the first call only; `multiple` is Alipay's). */
const DIAL_KEYS = [
  'url',
  'header',
  'protocols',
  'timeout',
  'tcpNoDelay',
  'perMessageDeflate',
  'forceCellularNetwork',
  'method',
  'data',
  'multiple'
];

/** Why the task ends for good: `giveUp` is set unless the application asked for the end. */
interface Ending {
  queueError: SocketError;
  giveUp?: SocketError;
}

/** The core of a reconnecting task: its port is the one a plain task's Link offers. */
export class ReconnectingCore implements TaskPort {
  readonly opens = new Listeners<OnSocketOpenResult>();
  readonly messages = new Listeners<OnSocketMessageResult>();
  readonly errors = new Listeners<OnSocketErrorResult>();
  readonly closes = new Listeners<OnSocketCloseResult>();
  readonly reconnectings = new Listeners<OnReconnectingResult>();
  readonly giveUps = new Listeners<SocketError>();
  /** The first link's id: what connectSocket's success result reported. */
  readonly id: number;
  /** What connectSocket's callbacks got, for the profile's return shape (Taro's Promise). */
  readonly outcome: { ok: boolean; result: object };

  #state: ReadyStateValue = ReadyState.CONNECTING;
  #inner: Link | undefined = undefined;
  #innerSubscriber: TaskSubscriber | undefined = undefined;
  #url: string | undefined = undefined;
  #linkOpen = false;
  #openedAt = 0;
  /** Reconnects in a row without a stable link: the backoff exponent and what maxAttempts counts. */
  #attempts = 0;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #heartbeat: Heartbeat | undefined = undefined;
  /** The last error of the current attempt: a 4xx status in it decides whether to retry. */
  #lastError: SocketError | undefined = undefined;
  /** Set once the application (or a global closeSocket on the link) has asked for the end. */
  #closing = false;
  #subscribers: readonly TaskSubscriber[] = [];
  readonly #queue: OfflineQueue;
  readonly #dialOptions: Record<string, unknown> = {};
  readonly #settings: LayerSettings | undefined;

  constructor(
    options: object,
    settings: LayerSettings | { refusal: Failure },
    private readonly host: LayerHost
  ) {
    const layer = 'refusal' in settings ? undefined : settings;
    this.#settings = layer;
    this.#queue = new OfflineQueue(layer?.maxQueued ?? 0, layer?.maxQueuedBytes ?? 0);
    for (const key of DIAL_KEYS) {
      const { value } = readProperty(options, key);
      if (value !== undefined) this.#dialOptions[key] = value;
    }
    // The first link gets the caller's own options object, so its success/fail/complete
    // run exactly as a plain connectSocket runs them.
    const first = host.dial(options, 'refusal' in settings ? settings.refusal : undefined);
    this.id = first.link.id;
    this.outcome = { ok: first.ok, result: first.result };
    if (first.ok) {
      this.#attach(first.link);
    } else {
      // Refused before dialling (bad options, limit): dead at once, onError only, as a plain task.
      this.#state = ReadyState.CLOSED;
      first.link.subscribe({ error: (error) => this.#emitError(error) });
    }
  }

  get readyState(): ReadyStateValue {
    return this.#state;
  }

  get url(): string | undefined {
    return this.#inner?.url ?? this.#url;
  }

  warn(message: string): void {
    this.host.warn(message);
  }

  get #policy(): LayerSettings {
    return this.#settings!;
  }

  // ---- port: subscribers and ping ----------------------------------------------------

  subscribe(subscriber: TaskSubscriber): void {
    if (!this.#subscribers.includes(subscriber)) this.#subscribers = this.#subscribers.concat(subscriber);
  }

  unsubscribe(subscriber: TaskSubscriber): void {
    this.#subscribers = this.#subscribers.filter((s) => s !== subscriber);
  }

  #tell<K extends keyof TaskSubscriber>(event: K, result: Parameters<NonNullable<TaskSubscriber[K]>>[0]): void {
    if (this.#subscribers.length > 0) tellAll(this.#subscribers, event, result, this.host.warnThrow);
  }

  get canPing(): boolean {
    return this.#inner?.canPing === true;
  }

  /** A ping frame on the current link, while it is open. */
  ping(): boolean {
    return isOpen(this.#state) && this.#inner?.ping() === true;
  }

  // ---- links ---------------------------------------------------------------------------

  #attach(inner: Link): void {
    this.#inner = inner;
    this.#url = inner.url ?? this.#url;
    this.#linkOpen = false;
    this.#lastError = undefined;
    const subscriber: TaskSubscriber = {
      open: (result) => this.#inner === inner && this.#linkOpened(inner, result),
      message: (result) => this.#inner === inner && this.#linkMessage(result),
      error: (error) => {
        if (this.#inner !== inner) return;
        this.#lastError = error;
        if (this.#linkOpen) this.#linkFailed(inner);
        this.#emitError(error);
      },
      close: (result) => this.#inner === inner && this.#linkClosed(result),
      pong: () => {
        this.#heartbeat?.alive();
        this.#tell('pong', undefined);
      },
      // A close that does not come from this task (a global closeSocket on the bound link,
      // singleSocket mode) is the application's wish to stop, not a reason to reconnect;
      // one that fails validation changes nothing.
      closeAccepted: () => {
        if (this.#inner !== inner) return;
        this.#closing = true;
        this.#heartbeat?.stop();
        this.#tell('closeAccepted', undefined);
      }
    };
    this.#innerSubscriber = subscriber;
    inner.subscribe(subscriber);
  }

  /**
   * An open link failed (invalid UTF-8, maxPayload, ...): it is gone from here on, whether
   * or not the server ever answers its close frame (issue 11, findings 4 and 5). The
   * heartbeat stops (its deadline must not report a second error on this link), sends are
   * queued for the next link, and the link ends now rather than at the close timeout.
   */
  #linkFailed(inner: Link): void {
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    if (!this.#closing && this.#policy.reconnect !== undefined) this.#state = ReadyState.CONNECTING;
    // After the error is told everywhere (the link's other subscribers, the global onSocketError).
    queueMicrotask(() => inner.drop());
  }

  #emitError(error: SocketError): void {
    this.errors.emit(error, this.host.warnThrow);
    this.#tell('error', error);
  }

  #linkOpened(inner: Link, result: OnSocketOpenResult): void {
    this.#linkOpen = true;
    this.#openedAt = Date.now();
    this.#state = ReadyState.OPEN;
    this.#startHeartbeat(inner);
    // Queued sends go first: they were made before anything an onOpen listener sends.
    for (const item of this.#queue.take()) inner.sendValue(item.data, item.callbacks);
    this.opens.emit(result, this.host.warnThrow);
    this.#tell('open', result);
  }

  #linkMessage(result: OnSocketMessageResult): void {
    const hb = this.#heartbeat;
    if (hb !== undefined) {
      const pong = this.#policy.heartbeat!.pong;
      if (pong === undefined || this.#safeTest(pong, result.data)) hb.alive();
    }
    this.messages.emit(result, this.host.warnThrow);
    this.#tell('message', result);
  }

  #safeTest(test: (data: string | ArrayBuffer) => boolean, data: string | ArrayBuffer): boolean {
    try {
      return test(data) === true;
    } catch (error) {
      this.host.warnThrow(error);
      return false;
    }
  }

  #linkClosed(result: OnSocketCloseResult): void {
    const inner = this.#inner!;
    this.#detach(inner);
    const wasOpen = this.#linkOpen;
    this.#linkOpen = false;
    if (wasOpen && Date.now() - this.#openedAt >= (this.#policy.reconnect?.stableAfter ?? 0)) this.#attempts = 0;

    const ending = this.#endingAfter(result, wasOpen);
    if (ending !== undefined) return this.#finish(result, ending);
    this.#state = ReadyState.CONNECTING;
    if (wasOpen) this.#emitClose(result);
    // An onClose listener may have closed the task; it then ended without another dial.
    if (!this.#closing) this.#schedule();
  }

  #emitClose(result: OnSocketCloseResult): void {
    this.closes.emit(result, this.host.warnThrow);
    this.#tell('close', result);
  }

  #detach(inner: Link): void {
    this.#inner = undefined;
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    if (this.#innerSubscriber !== undefined) inner.unsubscribe(this.#innerSubscriber);
    this.#innerSubscriber = undefined;
  }

  /** undefined: reconnect; else why the task ends for good. */
  #endingAfter(result: OnSocketCloseResult, wasOpen: boolean): Ending | undefined {
    const policy = this.#policy.reconnect;
    if (this.#closing || policy === undefined) {
      return { queueError: this.#sendError(ErrCode.CLOSED_BEFORE_WRITE) };
    }
    let reason: string | undefined;
    if (wasOpen && policy.finalCodes.has(result.code)) reason = `close code ${result.code} is final`;
    // The HTTP status of a refused handshake, as the engine reported it.
    const status = wasOpen ? undefined : this.#lastError?.statusCode;
    if (status !== undefined && status >= 400 && status < 500 && !policy.retryStatus.has(status)) {
      reason = `the server answered ${status}`;
    }
    if (reason === undefined && this.#attempts >= policy.maxAttempts) {
      reason = this.#attempts === 0 ? 'maxAttempts is 0' : `${this.#attempts} reconnect attempts failed`;
    }
    if (reason === undefined) return undefined;
    return {
      queueError: this.#sendError(ErrCode.GAVE_UP, reason),
      giveUp: this.host.error({ api: 'connectSocket', code: ErrCode.GAVE_UP, detail: reason })
    };
  }

  #schedule(): void {
    this.#attempts++;
    const delay = backoffDelay(this.#attempts, this.#policy.reconnect!);
    this.#timer = setTimeout(() => this.#redial(), delay);
    this.reconnectings.emit({ attempt: this.#attempts, delay }, this.host.warnThrow);
  }

  #redial(): void {
    this.#timer = undefined;
    const { link, ok } = this.host.dial(this.#dialOptions, undefined, this.id);
    this.#attach(link);
    if (ok) return;
    // Refused before dialling (the connection limit): its onError comes in a microtask
    // and it never closes, so count it as a failed attempt right after that.
    queueMicrotask(() => this.#inner === link && this.#linkClosed({ code: 1006, reason: '' }));
  }

  /** The end for good: queued sends fail, then onGiveUp (if not asked for), then onClose, last. */
  #finish(result: OnSocketCloseResult, ending: Ending): void {
    if (this.#state === ReadyState.CLOSED) return;
    this.#state = ReadyState.CLOSED;
    this.#closing = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    let untold = 0;
    for (const item of this.#queue.take()) {
      if (hasCallbacks(item.callbacks)) settleNow(item.callbacks, false, ending.queueError, this.host.warnThrow);
      else untold++;
    }
    if (untold > 0) this.host.warn(`${untold} queued sends without callbacks were not sent: ${ending.queueError.errMsg}`);
    if (ending.giveUp) this.giveUps.emit(ending.giveUp, this.host.warnThrow);
    this.#emitClose(result);
  }

  // ---- heartbeat -------------------------------------------------------------------------

  #startHeartbeat(inner: Link): void {
    const policy = this.#policy.heartbeat;
    if (policy === undefined) return;
    const message = policy.message;
    let probe: () => void;
    if (message !== undefined) {
      probe = () => inner.sendValue(message, NO_CALLBACKS);
    } else if (inner.canPing) {
      probe = () => void inner.ping();
    } else {
      this.host.warn('heartbeat is off: this engine cannot send ping frames; set heartbeat.message to use an application message');
      return;
    }
    this.#heartbeat = new Heartbeat(policy, probe, () => this.#linkDead(inner, policy.timeout));
    this.#heartbeat.start();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  #linkDead(inner: Link, timeout: number): void {
    if (this.#inner !== inner) return;
    inner.abortWithError({ api: 'connectSocket', code: ErrCode.HEARTBEAT_TIMEOUT, detail: timeout });
  }

  // ---- send ------------------------------------------------------------------------------

  sendValue(value: unknown, callbacks: CallbackSet): void {
    const inner = this.#inner;
    if (isOpen(this.#state) && inner !== undefined) return inner.sendValue(value, callbacks);
    if (!isConnecting(this.#state)) return this.refuseSend(callbacks, ErrCode.NOT_CONNECTED);
    const data = toSendable(value, this.host.acceptViews);
    if (data === undefined) return this.refuseSend(callbacks, ErrCode.INVALID_SEND_DATA);
    const refused = this.#queue.push(data, callbacks);
    if (refused !== undefined) this.refuseSend(callbacks, ErrCode.QUEUE_OVERFLOW, refused);
  }

  refuseSend(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(this.host, { api: 'sendSocketMessage', code, detail, cause }, callbacks);
  }

  #sendError(code: ErrCodeValue, detail?: string): SocketError {
    return this.host.error({ api: 'sendSocketMessage', code, detail });
  }

  // ---- close -----------------------------------------------------------------------------

  get closable(): boolean {
    return isLive(this.#state);
  }

  refuseClose(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(this.host, { api: 'closeSocket', code, detail, cause }, callbacks);
  }

  closeWith(code: number, reason: string, callbacks: CallbackSet): void {
    this.#closing = true;
    // A close the application asked for needs no more proof of life.
    this.#heartbeat?.stop();
    const inner = this.#inner;
    // A link that is already failing (close() called from onError) cannot take the close:
    // it ends on its own, and this task ends with the close asked for, as between links.
    if (inner?.closable === true) {
      // The link closes (or aborts its handshake) with the caller's code; its onClose ends this task.
      this.#state = ReadyState.CLOSING;
      inner.closeWith(code, reason, callbacks);
      return;
    }
    // Between links (or a link refused before dialling): nothing to close on the wire;
    // end with the close the caller asked for.
    if (inner !== undefined) this.#detach(inner);
    this.#state = ReadyState.CLOSING;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    settleLater(callbacks, true, closeOk(), this.host.warnThrow);
    queueMicrotask(() => this.#finish({ code, reason }, { queueError: this.#sendError(ErrCode.CLOSED_BEFORE_WRITE) }));
  }
}

/** The public reconnecting task: the SocketTask shell plus onReconnecting and onGiveUp. */
export class ReconnectingTask extends TaskShell implements ReconnectingSocketTask {
  readonly #layer: ReconnectingCore;

  constructor(core: ReconnectingCore) {
    super(core);
    this.#layer = core;
  }

  onReconnecting(listener: Listener<OnReconnectingResult>): void {
    listen(this.#layer, this.#layer.reconnectings, listener, 'onReconnecting');
  }
  onGiveUp(listener: Listener<SocketError>): void {
    listen(this.#layer, this.#layer.giveUps, listener, 'onGiveUp');
  }
  offReconnecting(listener?: Listener<OnReconnectingResult>): void {
    this.#layer.reconnectings.remove(listener);
  }
  offGiveUp(listener?: Listener<SocketError>): void {
    this.#layer.giveUps.remove(listener);
  }
}
