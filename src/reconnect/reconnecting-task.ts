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
import * as Code from '../codes.js';
import { closeOk, type ErrCodeValue, type Failure, type SocketError } from '../errors.js';
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
  type ReconnectReason,
  type ReconnectingSocketTask
} from '../types.js';
import { Awareness, type AwareTask, type ProbeReason } from './awareness.js';
import { backoffDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import { lifecycleSource } from './lifecycle.js';
import { HEARTBEAT_DEFAULTS, type LayerSettings } from './options.js';
import { OfflineQueue } from './queue.js';
import { askShouldReconnect, runBeforeRedial } from './redial-options.js';
import { delayAfterRetryAfter, parseRetryAfter, RETRY_AFTER_STATUS } from './retry-after.js';

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

  private _state: ReadyStateValue = ReadyState.CONNECTING;
  private _inner: Link | undefined = undefined;
  private _innerSubscriber: TaskSubscriber | undefined = undefined;
  private _url: string | undefined = undefined;
  private _linkOpen = false;
  private _openedAt = 0;
  /** Reconnects in a row without a stable link: the backoff exponent and what maxAttempts counts. */
  private _attempts = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _heartbeat: Heartbeat | undefined = undefined;
  /** The last error of the current attempt: a 4xx status in it decides whether to retry. */
  private _lastError: SocketError | undefined = undefined;
  /** Set once the application (or a global closeSocket on the link) has asked for the end. */
  private _closing = false;
  private _subscribers: readonly TaskSubscriber[] = [];
  private readonly _queue: OfflineQueue;
  private readonly _dialOptions: Record<string, unknown> = {};
  private readonly _settings: LayerSettings | undefined;
  // ---- issue 14: Retry-After, beforeRedial, the app and the network
  /** The refused handshake's Retry-After header, from the current attempt's link. */
  private _retryAfter: string | undefined = undefined;
  /** Bumped by every beforeRedial call, reconnect() and close(): a beforeRedial that settles late is then stale. */
  private _ticket = 0;
  /** Waiting for beforeRedial to settle. */
  private _preparing = false;
  /** App and network events (awareness.ts); undefined without reconnect. */
  private _awareness: Awareness | undefined = undefined;
  /** Set while a probe made on show or a network change is unanswered: a link that dies then is redialled at once. */
  private _probing: ProbeReason | undefined = undefined;
  /** When the planned attempt's timer fires (for reports made while waiting). */
  private _dueAt = 0;

  constructor(
    options: object,
    settings: LayerSettings | { refusal: Failure },
    private readonly host: LayerHost
  ) {
    const layer = 'refusal' in settings ? undefined : settings;
    this._settings = layer;
    this._queue = new OfflineQueue(layer?.maxQueued ?? 0, layer?.maxQueuedBytes ?? 0);
    for (const key of DIAL_KEYS) {
      const { value } = readProperty(options, key);
      if (value !== undefined) this._dialOptions[key] = value;
    }
    // The first link gets the caller's own options object, so its success/fail/complete
    // run exactly as a plain connectSocket runs them.
    const first = host.dial(options, 'refusal' in settings ? settings.refusal : undefined);
    this.id = first.link.id;
    this.outcome = { ok: first.ok, result: first.result };
    if (first.ok) {
      this._attach(first.link);
      // issue 14: app and network events, installed after connectSocket has returned (a source may report its state at once).
      if (layer?.reconnect !== undefined) {
        const aware = new Awareness(
          this._awareTask(),
          lifecycleSource(layer.reconnect.lifecycle, host.native, (message) => host.warn(message))
        );
        this._awareness = aware;
        queueMicrotask(() => aware.install());
      }
    } else {
      // Refused before dialling (bad options, limit): dead at once, onError only, as a plain task.
      this._state = ReadyState.CLOSED;
      first.link.subscribe({ error: (error) => this._emitError(error) });
    }
  }

  get readyState(): ReadyStateValue {
    return this._state;
  }

  get url(): string | undefined {
    return this._inner?.url ?? this._url;
  }

  warn(message: string): void {
    this.host.warn(message);
  }

  private get _policy(): LayerSettings {
    return this._settings!;
  }

  // ---- port: subscribers and ping ----------------------------------------------------

  subscribe(subscriber: TaskSubscriber): void {
    if (!this._subscribers.includes(subscriber)) this._subscribers = this._subscribers.concat(subscriber);
  }

  unsubscribe(subscriber: TaskSubscriber): void {
    this._subscribers = this._subscribers.filter((s) => s !== subscriber);
  }

  private _tell<K extends keyof TaskSubscriber>(event: K, result: Parameters<NonNullable<TaskSubscriber[K]>>[0]): void {
    if (this._subscribers.length > 0) tellAll(this._subscribers, event, result, this.host.warnThrow);
  }

  get canPing(): boolean {
    return this._inner?.canPing === true;
  }

  /** A ping frame on the current link, while it is open. */
  ping(): boolean {
    return isOpen(this._state) && this._inner?.ping() === true;
  }

  // ---- links ---------------------------------------------------------------------------

  private _attach(inner: Link): void {
    this._inner = inner;
    this._url = inner.url ?? this._url;
    this._linkOpen = false;
    this._lastError = undefined;
    this._retryAfter = undefined;
    this._probing = undefined;
    const subscriber: TaskSubscriber = {
      open: (result) => this._inner === inner && this._linkOpened(inner, result),
      message: (result) => this._inner === inner && this._linkMessage(result),
      error: (error) => {
        if (this._inner !== inner) return;
        this._lastError = error;
        this._retryAfter = inner.retryAfter;
        if (this._linkOpen) this._linkFailed(inner);
        this._emitError(error);
      },
      close: (result) => this._inner === inner && this._linkClosed(result),
      pong: () => {
        this._linkAlive();
        this._tell('pong', undefined);
      },
      // A close that does not come from this task (a global closeSocket on the bound link,
      // singleSocket mode) is the application's wish to stop, not a reason to reconnect;
      // one that fails validation changes nothing.
      closeAccepted: () => {
        if (this._inner !== inner) return;
        this._closing = true;
        this._heartbeat?.stop();
        this._tell('closeAccepted', undefined);
      }
    };
    this._innerSubscriber = subscriber;
    inner.subscribe(subscriber);
  }

  /**
   * An open link failed (invalid UTF-8, maxPayload, ...): it is gone from here on, whether
   * or not the server ever answers its close frame (issue 11, findings 4 and 5). The
   * heartbeat stops (its deadline must not report a second error on this link), sends are
   * queued for the next link, and the link ends now rather than at the close timeout.
   */
  private _linkFailed(inner: Link): void {
    this._heartbeat?.stop();
    this._heartbeat = undefined;
    if (!this._closing && this._policy.reconnect !== undefined) this._state = ReadyState.CONNECTING;
    // After the error is told everywhere (the link's other subscribers, the global onSocketError).
    queueMicrotask(() => inner.drop());
  }

  private _emitError(error: SocketError): void {
    this.errors.emit(error, this.host.warnThrow);
    this._tell('error', error);
  }

  private _linkOpened(inner: Link, result: OnSocketOpenResult): void {
    this._linkOpen = true;
    this._openedAt = Date.now();
    this._state = ReadyState.OPEN;
    this._startHeartbeat(inner);
    this.opens.emit(result, this.host.warnThrow);
    this._tell('open', result);
    // issue 14: what onOpen listeners sent (this task's, and the global onSocketOpen, told
    // after them) went straight to the link, so an auth message goes first; the queue
    // follows once they are done, unless one of them ended the link.
    queueMicrotask(() => {
      if (this._inner !== inner || !this._linkOpen || !isOpen(this._state)) return;
      for (const item of this._queue.take()) inner.sendValue(item.data, item.callbacks);
    });
  }

  private _linkMessage(result: OnSocketMessageResult): void {
    const hb = this._heartbeat;
    if (hb !== undefined) {
      const pong = this._policy.heartbeat?.pong;
      if (pong === undefined || this._safeTest(pong, result.data)) this._linkAlive();
    }
    this.messages.emit(result, this.host.warnThrow);
    this._tell('message', result);
  }

  /** The link answered a probe: the heartbeat's deadline (and a show/network probe's urgency) are over. */
  private _linkAlive(): void {
    this._probing = undefined;
    this._heartbeat?.alive();
  }

  private _safeTest(test: (data: string | ArrayBuffer) => boolean, data: string | ArrayBuffer): boolean {
    try {
      return test(data) === true;
    } catch (error) {
      this.host.warnThrow(error);
      return false;
    }
  }

  private _linkClosed(result: OnSocketCloseResult): void {
    const inner = this._inner!;
    this._detach(inner);
    const wasOpen = this._linkOpen;
    this._linkOpen = false;
    if (wasOpen && Date.now() - this._openedAt >= (this._policy.reconnect?.stableAfter ?? 0)) this._attempts = 0;
    this._afterLink(result, wasOpen);
  }

  /** A link ended, or an attempt failed (wasOpen false): end for good, or plan the next dial. */
  private _afterLink(result: OnSocketCloseResult, wasOpen: boolean): void {
    const ending = this._endingAfter(result, wasOpen);
    if (ending !== undefined) return this._finish(result, ending);
    this._state = ReadyState.CONNECTING;
    if (wasOpen) this._emitClose(result);
    // An onClose listener may have closed the task (or called reconnect()): no other dial then.
    if (!this._closing && this._inner === undefined && this._timer === undefined && !this._preparing)
      this._schedule(wasOpen ? 'close' : 'error');
  }

  private _emitClose(result: OnSocketCloseResult): void {
    this.closes.emit(result, this.host.warnThrow);
    this._tell('close', result);
  }

  private _detach(inner: Link): void {
    this._inner = undefined;
    this._heartbeat?.stop();
    this._heartbeat = undefined;
    if (this._innerSubscriber !== undefined) inner.unsubscribe(this._innerSubscriber);
    this._innerSubscriber = undefined;
  }

  /** undefined: reconnect; else why the task ends for good. */
  private _endingAfter(result: OnSocketCloseResult, wasOpen: boolean): Ending | undefined {
    const policy = this._policy.reconnect;
    if (this._closing || policy === undefined) {
      return { queueError: this._sendError(Code.CLOSED_BEFORE_WRITE) };
    }
    let reason: string | undefined;
    if (wasOpen && policy.finalCodes.has(result.code)) reason = `close code ${result.code} is final`;
    // The HTTP status of a refused handshake, as the engine reported it.
    const status = wasOpen ? undefined : this._lastError?.statusCode;
    if (status !== undefined && status >= 400 && status < 500 && !policy.retryStatus.has(status)) {
      reason = `the server answered ${status}`;
    }
    // issue 14: the application's predicate, where given, overrides the two rules above.
    const close = {
      code: result.code,
      reason: result.reason,
      wasOpen,
      ...(wasOpen || this._lastError === undefined ? {} : { error: this._lastError })
    };
    const verdict = askShouldReconnect(policy.shouldReconnect, close, this._attempts + 1, (message) => this.host.warn(message));
    if (verdict === true) reason = undefined;
    if (verdict === false) reason = 'shouldReconnect returned false';
    if (reason === undefined && this._attempts >= policy.maxAttempts) {
      reason = this._attempts === 0 ? 'maxAttempts is 0' : `${this._attempts} reconnect attempts failed`;
    }
    if (reason === undefined) return undefined;
    return {
      queueError: this._sendError(Code.GAVE_UP, reason),
      giveUp: this.host.error({ api: 'connectSocket', code: Code.GAVE_UP, detail: reason })
    };
  }

  private _schedule(reason: ReconnectReason): void {
    // issue 14: no attempts while the network is away; they are neither made nor counted.
    if (this._awareness?.mayDial() === false) return this._report(-1, 'offline');
    this._attempts++;
    const policy = this._policy.reconnect!;
    let delay = backoffDelay(this._attempts, policy);
    // issue 14: the link died while a show/network probe was out: the app wants it back now.
    if (this._probing !== undefined) {
      delay = 0;
      reason = this._probing;
      this._probing = undefined;
    }
    // issue 14: a 429/503 handshake answer with Retry-After sets the least wait (capped by maxDelay).
    const status = this._lastError?.statusCode;
    const asked =
      status !== undefined && RETRY_AFTER_STATUS.has(status) && this._retryAfter !== undefined
        ? parseRetryAfter(this._retryAfter)
        : undefined;
    if (asked !== undefined) {
      delay = delayAfterRetryAfter(delay, asked, policy.maxDelay);
      reason = 'retry-after';
    }
    this._timer = setTimeout(() => this._redial(), delay);
    this._dueAt = Date.now() + delay;
    this._report(delay, reason);
  }

  private _report(delay: number, reason: ReconnectReason): void {
    this.reconnectings.emit({ attempt: this._attempts, delay, reason }, this.host.warnThrow);
  }

  /** issue 14: runs beforeRedial, where given, then dials; its failure is a failed attempt (610042). */
  private _redial(): void {
    this._timer = undefined;
    const hook = this._policy.reconnect?.beforeRedial;
    if (hook === undefined) return this._dialNext();
    const ticket = ++this._ticket;
    this._preparing = true;
    runBeforeRedial(hook, this._attempts, (outcome) => {
      if (ticket !== this._ticket || this._closing) return;
      this._preparing = false;
      if ('options' in outcome) {
        Object.assign(this._dialOptions, outcome.options);
        return this._dialNext();
      }
      const error = this.host.error({ api: 'connectSocket', code: Code.REDIAL_REFUSED, detail: outcome.failure, cause: outcome.cause });
      this._lastError = error;
      this._retryAfter = undefined;
      this._emitError(error);
      // An onError listener may have closed the task, or called reconnect().
      if (!this._closing && ticket === this._ticket) this._afterLink({ code: 1006, reason: '' }, false);
    });
  }

  private _dialNext(): void {
    const { link, ok } = this.host.dial(this._dialOptions, undefined, this.id);
    this._attach(link);
    if (ok) return;
    // Refused before dialling (the connection limit): its onError comes in a microtask
    // and it never closes, so count it as a failed attempt right after that.
    queueMicrotask(() => this._inner === link && this._linkClosed({ code: 1006, reason: '' }));
  }

  /** The end for good: queued sends fail, then onGiveUp (if not asked for), then onClose, last. */
  private _finish(result: OnSocketCloseResult, ending: Ending): void {
    if (this._state === ReadyState.CLOSED) return;
    this._state = ReadyState.CLOSED;
    this._closing = true;
    clearTimeout(this._timer);
    this._timer = undefined;
    this._awareness?.uninstall();
    let untold = 0;
    for (const item of this._queue.take()) {
      if (hasCallbacks(item.callbacks)) settleNow(item.callbacks, false, ending.queueError, this.host.warnThrow);
      else untold++;
    }
    if (untold > 0) this.host.warn(`${untold} queued sends without callbacks were not sent: ${ending.queueError.errMsg}`);
    if (ending.giveUp) this.giveUps.emit(ending.giveUp, this.host.warnThrow);
    this._emitClose(result);
  }

  // ---- heartbeat -------------------------------------------------------------------------

  private _startHeartbeat(inner: Link): void {
    const policy = this._policy.heartbeat;
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
    this._heartbeat = new Heartbeat(policy, probe, () => this._linkDead(inner, policy.timeout));
    this._heartbeat.start();
    // issue 14: a link that opens while the app is hidden arms no deadline until show.
    if (this._awareness?.hidden === true) this._heartbeat.relax();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  private _linkDead(inner: Link, timeout: number): void {
    if (this._inner !== inner) return;
    inner.abortWithError({ api: 'connectSocket', code: Code.HEARTBEAT_TIMEOUT, detail: timeout });
  }

  // ---- issue 14: reconnect(), and what the app/network awareness works with ----------------

  /** Drops the current link (or attempt, or wait) and dials now with the backoff reset. */
  reconnect(): void {
    if (this._closing || !isLive(this._state))
      return this.host.warn('task.reconnect() does nothing: the task has ended (create a new one)');
    if (this._policy.reconnect === undefined) return this.host.warn('task.reconnect() needs the reconnect option');
    this._ticket++;
    this._preparing = false;
    clearTimeout(this._timer);
    this._timer = undefined;
    const inner = this._inner;
    const wasOpen = this._linkOpen;
    if (inner !== undefined) {
      this._detach(inner);
      this._linkOpen = false;
      // The old link ends with a normal close (its unwritten sends get fail from it, as ever).
      if (inner.closable) inner.closeWith(1000, 'reconnect', NO_CALLBACKS);
    }
    this._state = ReadyState.CONNECTING;
    this._attempts = 0;
    const ticket = this._ticket;
    // Events never run inside the call that caused them: the old link's onClose, then onReconnecting, then the dial.
    queueMicrotask(() => {
      if (this._closing || ticket !== this._ticket) return;
      if (wasOpen) this._emitClose({ code: 1000, reason: 'reconnect' });
      if (this._closing || ticket !== this._ticket) return;
      this._attempts = 1;
      this._report(0, 'reconnect');
      this._redial();
    });
  }

  private _awareTask(): AwareTask {
    return {
      phase: () => {
        if (this._closing || !isLive(this._state)) return 'ended';
        if (this._linkOpen) return 'open';
        if (this._timer !== undefined) return 'waiting';
        return this._inner !== undefined || this._preparing ? 'busy' : 'idle';
      },
      maxDelay: () => this._policy.reconnect!.maxDelay,
      remaining: () => Math.max(0, this._dueAt - Date.now()),
      report: (delay, reason) => this._report(delay, reason),
      relaxHeartbeat: () => this._heartbeat?.relax(),
      probe: (why) => this._probeLink(why),
      resetBackoff: () => {
        this._attempts = 0;
      },
      dialNow: (reason, fresh) => {
        clearTimeout(this._timer);
        this._timer = undefined;
        if (fresh) this._attempts = 1;
        this._report(0, reason);
        this._redial();
      },
      cancelPlanned: () => {
        clearTimeout(this._timer);
        this._timer = undefined;
        this._attempts = Math.max(0, this._attempts - 1);
      }
    };
  }

  /** Probes the open link at once: the heartbeat's probe, or a single ping where there is no heartbeat. */
  private _probeLink(why: ProbeReason): void {
    const inner = this._inner;
    if (inner === undefined || !this._linkOpen) return;
    this._probing = why;
    if (this._heartbeat !== undefined) return this._heartbeat.probeNow();
    if (!inner.canPing) return; // nothing to probe with: the link's own close will tell
    const timeout = HEARTBEAT_DEFAULTS.timeout;
    const once = new Heartbeat(
      { interval: timeout, timeout },
      () => void inner.ping(),
      () => this._linkDead(inner, timeout),
      false
    );
    this._heartbeat = once;
    once.probeNow();
  }

  // ---- send ------------------------------------------------------------------------------

  sendValue(value: unknown, callbacks: CallbackSet): void {
    const inner = this._inner;
    if (isOpen(this._state) && inner !== undefined) return inner.sendValue(value, callbacks);
    if (!isConnecting(this._state)) return this.refuseSend(callbacks, Code.NOT_CONNECTED);
    const data = toSendable(value, this.host.acceptViews);
    if (data === undefined) return this.refuseSend(callbacks, Code.INVALID_SEND_DATA);
    const refused = this._queue.push(data, callbacks);
    if (refused !== undefined) this.refuseSend(callbacks, Code.QUEUE_OVERFLOW, refused);
  }

  refuseSend(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(this.host, { api: 'sendSocketMessage', code, detail, cause }, callbacks);
  }

  private _sendError(code: ErrCodeValue, detail?: string): SocketError {
    return this.host.error({ api: 'sendSocketMessage', code, detail });
  }

  // ---- close -----------------------------------------------------------------------------

  get closable(): boolean {
    return isLive(this._state);
  }

  refuseClose(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(this.host, { api: 'closeSocket', code, detail, cause }, callbacks);
  }

  closeWith(code: number, reason: string, callbacks: CallbackSet): void {
    this._closing = true;
    this._ticket++;
    this._preparing = false;
    // A close the application asked for needs no more proof of life, nor app and network events.
    this._heartbeat?.stop();
    this._awareness?.uninstall();
    const inner = this._inner;
    // A link that is already failing (close() called from onError) cannot take the close:
    // it ends on its own, and this task ends with the close asked for, as between links.
    if (inner?.closable === true) {
      // The link closes (or aborts its handshake) with the caller's code; its onClose ends this task.
      this._state = ReadyState.CLOSING;
      inner.closeWith(code, reason, callbacks);
      return;
    }
    // Between links (or a link refused before dialling): nothing to close on the wire;
    // end with the close the caller asked for.
    if (inner !== undefined) this._detach(inner);
    this._state = ReadyState.CLOSING;
    clearTimeout(this._timer);
    this._timer = undefined;
    settleLater(callbacks, true, closeOk(), this.host.warnThrow);
    queueMicrotask(() => this._finish({ code, reason }, { queueError: this._sendError(Code.CLOSED_BEFORE_WRITE) }));
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
  reconnect(): void {
    this.#layer.reconnect();
  }
}
