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
  // ---- issue 14: Retry-After, beforeRedial, the app and the network
  /** The refused handshake's Retry-After header, from the current attempt's link. */
  #retryAfter: string | undefined = undefined;
  /** Bumped by every beforeRedial call, reconnect() and close(): a beforeRedial that settles late is then stale. */
  #ticket = 0;
  /** Waiting for beforeRedial to settle. */
  #preparing = false;
  /** App and network events (awareness.ts); undefined without reconnect. */
  #awareness: Awareness | undefined = undefined;
  /** Set while a probe made on show or a network change is unanswered: a link that dies then is redialled at once. */
  #probing: ProbeReason | undefined = undefined;
  /** When the planned attempt's timer fires (for reports made while waiting). */
  #dueAt = 0;

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
      // issue 14: app and network events, installed after connectSocket has returned (a source may report its state at once).
      if (layer?.reconnect !== undefined) {
        const aware = new Awareness(
          this.#awareTask(),
          lifecycleSource(layer.reconnect.lifecycle, host.native, (message) => host.warn(message))
        );
        this.#awareness = aware;
        queueMicrotask(() => aware.install());
      }
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
    this.#retryAfter = undefined;
    this.#probing = undefined;
    const subscriber: TaskSubscriber = {
      open: (result) => this.#inner === inner && this.#linkOpened(inner, result),
      message: (result) => this.#inner === inner && this.#linkMessage(result),
      error: (error) => {
        if (this.#inner !== inner) return;
        this.#lastError = error;
        this.#retryAfter = inner.retryAfter;
        if (this.#linkOpen) this.#linkFailed(inner);
        this.#emitError(error);
      },
      close: (result) => this.#inner === inner && this.#linkClosed(result),
      pong: () => {
        this.#linkAlive();
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
    this.opens.emit(result, this.host.warnThrow);
    this.#tell('open', result);
    // issue 14: what onOpen listeners sent (this task's, and the global onSocketOpen, told
    // after them) went straight to the link, so an auth message goes first; the queue
    // follows once they are done, unless one of them ended the link.
    queueMicrotask(() => {
      if (this.#inner !== inner || !this.#linkOpen || !isOpen(this.#state)) return;
      for (const item of this.#queue.take()) inner.sendValue(item.data, item.callbacks);
    });
  }

  #linkMessage(result: OnSocketMessageResult): void {
    const hb = this.#heartbeat;
    if (hb !== undefined) {
      const pong = this.#policy.heartbeat?.pong;
      if (pong === undefined || this.#safeTest(pong, result.data)) this.#linkAlive();
    }
    this.messages.emit(result, this.host.warnThrow);
    this.#tell('message', result);
  }

  /** The link answered a probe: the heartbeat's deadline (and a show/network probe's urgency) are over. */
  #linkAlive(): void {
    this.#probing = undefined;
    this.#heartbeat?.alive();
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
    this.#afterLink(result, wasOpen);
  }

  /** A link ended, or an attempt failed (wasOpen false): end for good, or plan the next dial. */
  #afterLink(result: OnSocketCloseResult, wasOpen: boolean): void {
    const ending = this.#endingAfter(result, wasOpen);
    if (ending !== undefined) return this.#finish(result, ending);
    this.#state = ReadyState.CONNECTING;
    if (wasOpen) this.#emitClose(result);
    // An onClose listener may have closed the task (or called reconnect()): no other dial then.
    if (!this.#closing && this.#inner === undefined && this.#timer === undefined && !this.#preparing)
      this.#schedule(wasOpen ? 'close' : 'error');
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
    // issue 14: the application's predicate, where given, overrides the two rules above.
    const close = {
      code: result.code,
      reason: result.reason,
      wasOpen,
      ...(wasOpen || this.#lastError === undefined ? {} : { error: this.#lastError })
    };
    const verdict = askShouldReconnect(policy.shouldReconnect, close, this.#attempts + 1, (message) => this.host.warn(message));
    if (verdict === true) reason = undefined;
    if (verdict === false) reason = 'shouldReconnect returned false';
    if (reason === undefined && this.#attempts >= policy.maxAttempts) {
      reason = this.#attempts === 0 ? 'maxAttempts is 0' : `${this.#attempts} reconnect attempts failed`;
    }
    if (reason === undefined) return undefined;
    return {
      queueError: this.#sendError(ErrCode.GAVE_UP, reason),
      giveUp: this.host.error({ api: 'connectSocket', code: ErrCode.GAVE_UP, detail: reason })
    };
  }

  #schedule(reason: ReconnectReason): void {
    // issue 14: no attempts while the network is away; they are neither made nor counted.
    if (this.#awareness?.mayDial() === false) return this.#report(-1, 'offline');
    this.#attempts++;
    const policy = this.#policy.reconnect!;
    let delay = backoffDelay(this.#attempts, policy);
    // issue 14: the link died while a show/network probe was out: the app wants it back now.
    if (this.#probing !== undefined) {
      delay = 0;
      reason = this.#probing;
      this.#probing = undefined;
    }
    // issue 14: a 429/503 handshake answer with Retry-After sets the least wait (capped by maxDelay).
    const status = this.#lastError?.statusCode;
    const asked =
      status !== undefined && RETRY_AFTER_STATUS.has(status) && this.#retryAfter !== undefined
        ? parseRetryAfter(this.#retryAfter)
        : undefined;
    if (asked !== undefined) {
      delay = delayAfterRetryAfter(delay, asked, policy.maxDelay);
      reason = 'retry-after';
    }
    this.#timer = setTimeout(() => this.#redial(), delay);
    this.#dueAt = Date.now() + delay;
    this.#report(delay, reason);
  }

  #report(delay: number, reason: ReconnectReason): void {
    this.reconnectings.emit({ attempt: this.#attempts, delay, reason }, this.host.warnThrow);
  }

  /** issue 14: runs beforeRedial, where given, then dials; its failure is a failed attempt (610042). */
  #redial(): void {
    this.#timer = undefined;
    const hook = this.#policy.reconnect?.beforeRedial;
    if (hook === undefined) return this.#dialNext();
    const ticket = ++this.#ticket;
    this.#preparing = true;
    runBeforeRedial(hook, this.#attempts, (outcome) => {
      if (ticket !== this.#ticket || this.#closing) return;
      this.#preparing = false;
      if ('options' in outcome) {
        Object.assign(this.#dialOptions, outcome.options);
        return this.#dialNext();
      }
      const error = this.host.error({ api: 'connectSocket', code: ErrCode.REDIAL_REFUSED, detail: outcome.failure, cause: outcome.cause });
      this.#lastError = error;
      this.#retryAfter = undefined;
      this.#emitError(error);
      // An onError listener may have closed the task, or called reconnect().
      if (!this.#closing && ticket === this.#ticket) this.#afterLink({ code: 1006, reason: '' }, false);
    });
  }

  #dialNext(): void {
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
    this.#awareness?.uninstall();
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
    // issue 14: a link that opens while the app is hidden arms no deadline until show.
    if (this.#awareness?.hidden === true) this.#heartbeat.relax();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  #linkDead(inner: Link, timeout: number): void {
    if (this.#inner !== inner) return;
    inner.abortWithError({ api: 'connectSocket', code: ErrCode.HEARTBEAT_TIMEOUT, detail: timeout });
  }

  // ---- issue 14: reconnect(), and what the app/network awareness works with ----------------

  /** Drops the current link (or attempt, or wait) and dials now with the backoff reset. */
  reconnect(): void {
    if (this.#closing || !isLive(this.#state))
      return this.host.warn('task.reconnect() does nothing: the task has ended (create a new one)');
    if (this.#policy.reconnect === undefined) return this.host.warn('task.reconnect() needs the reconnect option');
    this.#ticket++;
    this.#preparing = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const inner = this.#inner;
    const wasOpen = this.#linkOpen;
    if (inner !== undefined) {
      this.#detach(inner);
      this.#linkOpen = false;
      // The old link ends with a normal close (its unwritten sends get fail from it, as ever).
      if (inner.closable) inner.closeWith(1000, 'reconnect', NO_CALLBACKS);
    }
    this.#state = ReadyState.CONNECTING;
    this.#attempts = 0;
    const ticket = this.#ticket;
    // Events never run inside the call that caused them: the old link's onClose, then onReconnecting, then the dial.
    queueMicrotask(() => {
      if (this.#closing || ticket !== this.#ticket) return;
      if (wasOpen) this.#emitClose({ code: 1000, reason: 'reconnect' });
      if (this.#closing || ticket !== this.#ticket) return;
      this.#attempts = 1;
      this.#report(0, 'reconnect');
      this.#redial();
    });
  }

  #awareTask(): AwareTask {
    return {
      phase: () => {
        if (this.#closing || !isLive(this.#state)) return 'ended';
        if (this.#linkOpen) return 'open';
        if (this.#timer !== undefined) return 'waiting';
        return this.#inner !== undefined || this.#preparing ? 'busy' : 'idle';
      },
      maxDelay: () => this.#policy.reconnect!.maxDelay,
      remaining: () => Math.max(0, this.#dueAt - Date.now()),
      report: (delay, reason) => this.#report(delay, reason),
      relaxHeartbeat: () => this.#heartbeat?.relax(),
      probe: (why) => this.#probeLink(why),
      resetBackoff: () => {
        this.#attempts = 0;
      },
      dialNow: (reason, fresh) => {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        if (fresh) this.#attempts = 1;
        this.#report(0, reason);
        this.#redial();
      },
      cancelPlanned: () => {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#attempts = Math.max(0, this.#attempts - 1);
      }
    };
  }

  /** Probes the open link at once: the heartbeat's probe, or a single ping where there is no heartbeat. */
  #probeLink(why: ProbeReason): void {
    const inner = this.#inner;
    if (inner === undefined || !this.#linkOpen) return;
    this.#probing = why;
    if (this.#heartbeat !== undefined) return this.#heartbeat.probeNow();
    if (!inner.canPing) return; // nothing to probe with: the link's own close will tell
    const timeout = HEARTBEAT_DEFAULTS.timeout;
    const once = new Heartbeat(
      { interval: timeout, timeout },
      () => void inner.ping(),
      () => this.#linkDead(inner, timeout),
      false
    );
    this.#heartbeat = once;
    once.probeNow();
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
    this.#ticket++;
    this.#preparing = false;
    // A close the application asked for needs no more proof of life, nor app and network events.
    this.#heartbeat?.stop();
    this.#awareness?.uninstall();
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
  reconnect(): void {
    this.#layer.reconnect();
  }
}
