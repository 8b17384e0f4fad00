/**
 * A SocketTask made of successive tasks: each link is an ordinary task dialled through
 * the API object's own connectSocket path (so profiles, config, limits and the global
 * functions see it as usual), and this task keeps the listeners, the offline queue and
 * the heartbeat across links (SPEC section 9, docs/reconnect.md).
 *
 * Events: each link that opened gives one onOpen and, when it ends, one onClose; an
 * attempt that never opened gives onError only; a scheduled reconnect gives
 * onReconnecting; when the task ends for good its last event is onClose (after onGiveUp,
 * unless the application closed it), and every send still queued has had `fail`.
 *
 * Guarantee: at most once, in order. A message handed to a link is never sent again on
 * another link; one that the dying link had not written gets `fail`.
 */
import { closeOk, describe, ErrCode, socketError, type ErrCodeValue, type SocketError } from '../errors.js';
import { hasCallbacks, readCallbacks, readProperty, settleLater, settleNow, type CallbackSet } from '../task/callbacks.js';
import { Listeners } from '../task/listeners.js';
import type { SocketTaskImpl } from '../task/socket-task.js';
import { TaskEvents } from '../task/task-events.js';
import { isInvalid, isSendable, readClose, validateClose } from '../task/validate.js';
import {
  ReadyState,
  type CloseSocketOptions,
  type Listener,
  type OnReconnectingResult,
  type OnSocketCloseResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type ReadyStateValue,
  type ReconnectingSocketTask,
  type SendSocketMessageOptions
} from '../types.js';
import { backoffDelay } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import { Awareness, type AwareTask, type ProbeReason } from './awareness.js';
import { lifecycleSource } from './lifecycle.js';
import { HEARTBEAT_DEFAULTS, type LayerSettings } from './options.js';
import { OfflineQueue } from './queue.js';
import { askShouldReconnect, runBeforeRedial } from './redial-options.js';
import { delayAfterRetryAfter, parseRetryAfter, RETRY_AFTER_STATUS } from './retry-after.js';

/** What create-api gives the layer: the plain connectSocket path, minus the profile's return shape. */
export interface LayerHost {
  /** Creates (and dials) a plain task; with `refusal`, a task that fails with it instead. */
  /** `place`: where the task stands in the globals' binding order (a later link keeps the first one's). */
  dial(options: unknown, refusal?: SocketError, place?: number): { task: SocketTaskImpl; ok: boolean; result: object };
  readonly acceptViews: boolean;
  warn(message: string): void;
  decorate(error: SocketError): SocketError;
  /** The API's native platform object (`createSocketApi({ native })`), the default lifecycle source. */
  readonly native?: object;
}

/** connectSocket's options that each new link is dialled with (callbacks belong to the first call only; `multiple` is Alipay's). */
const DIAL_KEYS = ['url', 'header', 'protocols', 'timeout', 'tcpNoDelay', 'perMessageDeflate', 'forceCellularNetwork', 'method', 'data', 'multiple'];


/** Why the task ends for good: `giveUp` is set unless the application asked for the end. */
interface Ending {
  queueError: SocketError;
  giveUp?: SocketError;
}

export class ReconnectingTask extends TaskEvents implements ReconnectingSocketTask {
  /** The first link's id: what connectSocket's success result reported. */
  readonly socketTaskId: number;

  private state: ReadyStateValue = ReadyState.CONNECTING;
  private inner: SocketTaskImpl | undefined;
  private linkOpen = false;
  private openedAt = 0;
  /** Reconnects in a row without a stable link: the backoff exponent and what maxAttempts counts. */
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: Heartbeat | undefined;
  /** The last error of the current attempt: a 4xx status in it decides whether to retry. */
  private lastError: SocketError | undefined;
  /** Set once the application (or a global closeSocket on the link) has asked for the end. */
  private closing = false;
  private readonly queue: OfflineQueue;
  private readonly dialOptions: Record<string, unknown>;
  // ---- issue 14 state: the refused handshake's Retry-After, the app and the network.
  private retryAfter: string | undefined;
  /** Bumped by every redial, reconnect() and the end: a beforeRedial that settles late is then stale. */
  private ticket = 0;
  /** Waiting for beforeRedial to settle. */
  private preparing = false;
  /** App and network events (awareness.ts); undefined without reconnect. */
  private awareness: Awareness | undefined;
  /** Set while a probe made on show or a network change is unanswered: a link that dies then is redialled at once. */
  private probing: ProbeReason | undefined;
  /** When the current wait's timer fires (for reports made during the wait). */
  private dueAt = 0;

  private readonly reconnectings = new Listeners<OnReconnectingResult>();
  private readonly giveUps = new Listeners<SocketError>();
  /** What connectSocket's callbacks got, for the profile's return shape (Taro's Promise). */
  readonly outcome: { ok: boolean; result: object };

  constructor(
    options: object,
    private readonly settings: LayerSettings | { refusal: SocketError },
    private readonly host: LayerHost
  ) {
    super(host.warn);
    const layer = 'refusal' in settings ? undefined : settings;
    this.queue = new OfflineQueue(layer?.maxQueued ?? 0, layer?.maxQueuedBytes ?? 0);
    this.dialOptions = {};
    for (const key of DIAL_KEYS) {
      const { value } = readProperty(options, key);
      if (value !== undefined) this.dialOptions[key] = value;
    }
    // The first link gets the caller's own options object, so its success/fail/complete
    // run exactly as a plain connectSocket runs them.
    const first = host.dial(options, 'refusal' in settings ? settings.refusal : undefined);
    this.socketTaskId = first.task.socketTaskId;
    this.outcome = { ok: first.ok, result: first.result };
    if (first.ok) {
      this.attach(first.task);
      // issue 14: app and network events, installed after connectSocket has returned (a source may report its state at once).
      if (layer?.reconnect !== undefined) {
        const aware = (this.awareness = new Awareness(this.awareTask(), lifecycleSource(layer.reconnect.lifecycle, host.native, host.warn)));
        queueMicrotask(() => aware.install());
      }
    } else {
      // Refused before dialling (bad options, limit): dead at once, onError only, as a plain task.
      this.state = ReadyState.CLOSED;
      first.task.onError((error) => this.errors.emit(error, this.warnThrow));
    }
  }

  get readyState(): ReadyStateValue {
    return this.state;
  }

  private get policy(): LayerSettings {
    return this.settings as LayerSettings;
  }

  // ---- listeners -------------------------------------------------------------------

  onReconnecting(listener: Listener<OnReconnectingResult>): void {
    this.addListener(this.reconnectings, listener, 'onReconnecting');
  }
  onGiveUp(listener: Listener<SocketError>): void {
    this.addListener(this.giveUps, listener, 'onGiveUp');
  }
  offReconnecting(listener?: Listener<OnReconnectingResult>): void {
    this.reconnectings.remove(listener);
  }
  offGiveUp(listener?: Listener<SocketError>): void {
    this.giveUps.remove(listener);
  }

  // ---- links ---------------------------------------------------------------------------

  private attach(inner: SocketTaskImpl): void {
    this.inner = inner;
    this.linkOpen = false;
    this.probing = undefined;
    this.lastError = undefined;
    this.retryAfter = undefined;
    inner.onOpen((result) => this.inner === inner && this.linkOpened(inner, result));
    inner.onMessage((result) => this.inner === inner && this.linkMessage(result));
    inner.onError((error) => {
      if (this.inner !== inner) return;
      this.lastError = error;
      this.retryAfter = inner._retryAfter;
      this.errors.emit(error, this.warnThrow);
    });
    inner.onClose((result) => this.inner === inner && this.linkClosed(result));
    inner.onPongFrame = () => this.linkAlive();
    // A close that does not come from this task (a global closeSocket on the bound link,
    // singleSocket mode) is the application's wish to stop, not a reason to reconnect;
    // one that fails validation changes nothing.
    inner.onCloseAccepted = () => {
      if (this.inner !== inner) return;
      this.closing = true;
      this.heartbeat?.stop();
    };
  }

  private linkOpened(inner: SocketTaskImpl, result: OnSocketOpenResult): void {
    this.linkOpen = true;
    this.openedAt = Date.now();
    this.state = ReadyState.OPEN;
    this.startHeartbeat(inner);
    this.opens.emit(result, this.warnThrow);
    // Sends made by onOpen listeners (this task's, or the global onSocketOpen, which runs
    // after them) went straight to the link: an auth message goes before the queue. The
    // queue follows once those listeners are done, unless one of them ended the link.
    queueMicrotask(() => {
      if (this.inner !== inner || !this.linkOpen || this.state !== ReadyState.OPEN) return;
      for (const item of this.queue.take()) inner.send({ data: item.data, ...item.callbacks });
    });
  }

  private linkMessage(result: OnSocketMessageResult): void {
    const hb = this.heartbeat;
    if (hb !== undefined) {
      const pong = this.policy.heartbeat?.pong;
      if (pong === undefined || this.safeTest(pong, result.data)) this.linkAlive();
    }
    this.messages.emit(result, this.warnThrow);
  }

  /** The link answered a probe: the heartbeat's deadline (and a show/network probe's urgency) are over. */
  private linkAlive(): void {
    this.probing = undefined;
    this.heartbeat?.alive();
  }

  private safeTest(test: (data: string | ArrayBuffer) => boolean, data: string | ArrayBuffer): boolean {
    try {
      return test(data) === true;
    } catch (error) {
      this.warnThrow(error);
      return false;
    }
  }

  private linkClosed(result: OnSocketCloseResult): void {
    const inner = this.inner!;
    this.detach(inner);
    const wasOpen = this.linkOpen;
    this.linkOpen = false;
    if (wasOpen && Date.now() - this.openedAt >= (this.policy.reconnect?.stableAfter ?? 0)) this.attempts = 0;
    this.afterLink(result, wasOpen);
  }

  /** A link ended, or an attempt failed (wasOpen false): end for good, or plan the next dial. */
  private afterLink(result: OnSocketCloseResult, wasOpen: boolean): void {
    const ending = this.endingAfter(result, wasOpen);
    if (ending !== undefined) return this.finish(result, ending);
    this.state = ReadyState.CONNECTING;
    if (wasOpen) this.closes.emit(result, this.warnThrow);
    // An onClose listener may have closed the task (or called reconnect()): no other dial then.
    if (!this.closing && this.inner === undefined && this.timer === undefined && !this.preparing) this.schedule(wasOpen ? 'close' : 'error');
  }

  private detach(inner: SocketTaskImpl): void {
    this.inner = undefined;
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    inner.onPongFrame = undefined;
    inner.onCloseAccepted = undefined;
    inner.offOpen();
    inner.offMessage();
    inner.offError();
    inner.offClose();
  }

  /** undefined: reconnect; else why the task ends for good. */
  private endingAfter(result: OnSocketCloseResult, wasOpen: boolean): Ending | undefined {
    const policy = this.policy.reconnect;
    if (this.closing || policy === undefined) {
      return { queueError: this.sendError(ErrCode.CLOSED_BEFORE_WRITE) };
    }
    let reason: string | undefined;
    if (wasOpen && policy.finalCodes.has(result.code)) reason = `close code ${result.code} is final`;
    const status = wasOpen ? undefined : this.refusedStatus();
    if (status !== undefined && status >= 400 && status < 500 && !policy.retryStatus.has(status)) {
      reason = `the server answered ${status}`;
    }
    // issue 14: the application's predicate, where given, overrides the two rules above.
    const close = { code: result.code, reason: result.reason, wasOpen, ...(wasOpen || this.lastError === undefined ? {} : { error: this.lastError }) };
    const verdict = askShouldReconnect(policy.shouldReconnect, close, this.attempts + 1, this.host.warn);
    if (verdict === true) reason = undefined;
    if (verdict === false) reason = 'shouldReconnect returned false';
    if (reason === undefined && this.attempts >= policy.maxAttempts) {
      reason = this.attempts === 0 ? 'maxAttempts is 0' : `${this.attempts} reconnect attempts failed`;
    }
    if (reason === undefined) return undefined;
    return {
      queueError: this.sendError(ErrCode.GAVE_UP, reason),
      giveUp: this.host.decorate(socketError('connectSocket', ErrCode.GAVE_UP, reason))
    };
  }

  /** The HTTP status of a refused handshake, as the engine reported it. */
  private refusedStatus(): number | undefined {
    return this.lastError?.statusCode;
  }

  private schedule(reason: OnReconnectingResult['reason']): void {
    // issue 14: no attempts while the network is away; they are neither made nor counted.
    if (this.awareness?.mayDial() === false) return this.report(-1, 'offline');
    this.attempts++;
    const policy = this.policy.reconnect!;
    let delay = backoffDelay(this.attempts, policy);
    // issue 14: the link died while a show/network probe was out: the app wants it back now.
    if (this.probing !== undefined) {
      delay = 0;
      reason = this.probing;
      this.probing = undefined;
    }
    // issue 14: a 429/503 handshake answer with Retry-After sets the least wait (capped by maxDelay).
    const status = this.lastError?.statusCode;
    const asked = status !== undefined && RETRY_AFTER_STATUS.has(status) && this.retryAfter !== undefined ? parseRetryAfter(this.retryAfter) : undefined;
    if (asked !== undefined) {
      delay = delayAfterRetryAfter(delay, asked, policy.maxDelay);
      reason = 'retry-after';
    }
    this.timer = setTimeout(() => this.redial(), delay);
    this.dueAt = Date.now() + delay;
    this.report(delay, reason);
  }

  private report(delay: number, reason: OnReconnectingResult['reason']): void {
    this.reconnectings.emit({ attempt: this.attempts, delay, reason }, this.warnThrow);
  }

  /** issue 14: runs beforeRedial, where given, then dials; its failure is a failed attempt (610042). */
  private redial(): void {
    this.timer = undefined;
    const hook = this.policy.reconnect?.beforeRedial;
    if (hook === undefined) return this.dialNext();
    const ticket = ++this.ticket;
    this.preparing = true;
    runBeforeRedial(hook, this.attempts, (outcome) => {
      if (ticket !== this.ticket || this.closing) return;
      this.preparing = false;
      if ('options' in outcome) {
        Object.assign(this.dialOptions, outcome.options);
        return this.dialNext();
      }
      const error = this.host.decorate(socketError('connectSocket', ErrCode.REDIAL_REFUSED, outcome.failure, outcome.cause));
      this.lastError = error;
      this.retryAfter = undefined;
      this.errors.emit(error, this.warnThrow);
      // An onError listener may have closed the task, or called reconnect().
      if (!this.closing && ticket === this.ticket) this.afterLink({ code: 1006, reason: '' }, false);
    });
  }

  private dialNext(): void {
    const { task, ok } = this.host.dial(this.dialOptions, undefined, this.socketTaskId);
    this.attach(task);
    if (ok) return;
    // Refused before dialling (the connection limit): its onError comes in a microtask
    // and it never closes, so count it as a failed attempt right after that.
    queueMicrotask(() => this.inner === task && this.linkClosed({ code: 1006, reason: '' }));
  }

  /** The end for good: queued sends fail, then onGiveUp (if not asked for), then onClose, last. */
  private finish(result: OnSocketCloseResult, ending: Ending): void {
    if (this.state === ReadyState.CLOSED) return;
    this.state = ReadyState.CLOSED;
    this.closing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.awareness?.uninstall();
    let untold = 0;
    for (const item of this.queue.take()) {
      if (hasCallbacks(item.callbacks)) settleNow(item.callbacks, false, ending.queueError, this.warnThrow);
      else untold++;
    }
    if (untold > 0) this.host.warn(`${untold} queued sends without callbacks were not sent: ${ending.queueError.errMsg}`);
    if (ending.giveUp) this.giveUps.emit(ending.giveUp, this.warnThrow);
    this.closes.emit(result, this.warnThrow);
  }

  // ---- heartbeat -------------------------------------------------------------------------

  private startHeartbeat(inner: SocketTaskImpl): void {
    const policy = this.policy.heartbeat;
    if (policy === undefined) return;
    const message = policy.message;
    let probe: () => void;
    if (message !== undefined) {
      probe = () => inner.send({ data: message });
    } else if (inner.canPing) {
      probe = () => void inner._ping();
    } else {
      this.host.warn('heartbeat is off: this engine cannot send ping frames; set heartbeat.message to use an application message');
      return;
    }
    this.heartbeat = new Heartbeat(policy, probe, () => this.linkDead(inner, policy.timeout));
    // issue 14: a link that opens while the app is hidden starts its heartbeat on show.
    if (this.awareness?.hidden !== true) this.heartbeat.start();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  private linkDead(inner: SocketTaskImpl, timeout: number): void {
    if (this.inner !== inner) return;
    inner._abortWithError(socketError('connectSocket', ErrCode.HEARTBEAT_TIMEOUT, timeout));
  }

  // ---- issue 14: reconnect(), the app and the network ----------------------------------

  /** Drops the current link (or attempt, or wait) and dials now with the backoff reset. */
  reconnect(): void {
    if (this.closing || this.state === ReadyState.CLOSED || this.state === ReadyState.CLOSING) {
      return this.host.warn('task.reconnect() does nothing: the task has ended (create a new one)');
    }
    if (this.policy.reconnect === undefined) return this.host.warn('task.reconnect() needs the reconnect option');
    this.ticket++;
    this.preparing = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    const inner = this.inner;
    const wasOpen = this.linkOpen;
    if (inner !== undefined) {
      this.detach(inner);
      this.linkOpen = false;
      // The old link ends with a normal close (its unwritten sends get fail from it, as ever).
      if (inner.readyState < ReadyState.CLOSING) inner.close({ code: 1000, reason: 'reconnect' });
    }
    this.state = ReadyState.CONNECTING;
    this.attempts = 0;
    const ticket = this.ticket;
    // Events never run inside the call that caused them: the old link's onClose, then onReconnecting, then the dial.
    queueMicrotask(() => {
      if (this.closing || ticket !== this.ticket) return;
      if (wasOpen) this.closes.emit({ code: 1000, reason: 'reconnect' }, this.warnThrow);
      if (this.closing || ticket !== this.ticket) return;
      this.attempts = 1;
      this.report(0, 'reconnect');
      this.redial();
    });
  }

  /** issue 14: the actions and state the app/network awareness (awareness.ts) works with. */
  private awareTask(): AwareTask {
    return {
      phase: () => {
        if (this.closing || this.state === ReadyState.CLOSED) return 'ended';
        if (this.linkOpen) return 'open';
        if (this.timer !== undefined) return 'waiting';
        return this.inner !== undefined || this.preparing ? 'busy' : 'idle';
      },
      maxDelay: () => this.policy.reconnect!.maxDelay,
      remaining: () => Math.max(0, this.dueAt - Date.now()),
      report: (delay, reason) => this.report(delay, reason),
      stopHeartbeat: () => this.heartbeat?.stop(),
      probe: (why) => this.probeLink(why),
      resetBackoff: () => {
        this.attempts = 0;
      },
      dialNow: (reason, fresh) => {
        clearTimeout(this.timer);
        this.timer = undefined;
        if (fresh) this.attempts = 1;
        this.report(0, reason);
        this.redial();
      },
      cancelPlanned: () => {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.attempts = Math.max(0, this.attempts - 1);
      }
    };
  }

  /** Probes the open link at once: the heartbeat's probe, or a single ping where there is no heartbeat. */
  private probeLink(why: ProbeReason): void {
    const inner = this.inner;
    if (inner === undefined || !this.linkOpen) return;
    this.probing = why;
    if (this.heartbeat !== undefined) return this.heartbeat.probeNow();
    if (!inner.canPing) return; // nothing to probe with: the link's own close will tell
    const timeout = HEARTBEAT_DEFAULTS.timeout;
    const once = new Heartbeat({ interval: timeout, timeout }, () => void inner._ping(), () => this.linkDead(inner, timeout), false);
    this.heartbeat = once;
    once.probeNow();
  }

  // ---- send ------------------------------------------------------------------------------

  send(options: SendSocketMessageOptions): void {
    const inner = this.inner;
    if (this.state === ReadyState.OPEN && inner !== undefined) return inner.send(options);
    if (typeof options !== 'object' || options === null) {
      this.host.warn('SocketTask.send needs an options object: { data, success?, fail?, complete? }');
      return;
    }
    const callbacks = readCallbacks(options);
    const read = readProperty(options, 'data');
    if (read.thrown !== undefined) return this.sendFailed(callbacks, ErrCode.INVALID_OPTIONS, describe(read.thrown), read.thrown);
    if (this.state !== ReadyState.CONNECTING) return this.sendFailed(callbacks, ErrCode.NOT_CONNECTED);
    const data = read.value;
    if (!isSendable(data, this.host.acceptViews)) return this.sendFailed(callbacks, ErrCode.INVALID_SEND_DATA);
    const refused = this.queue.push(data, callbacks);
    if (refused !== undefined) this.sendFailed(callbacks, ErrCode.QUEUE_OVERFLOW, refused);
  }

  private sendError(code: ErrCodeValue, detail?: string, cause?: unknown): SocketError {
    return this.host.decorate(socketError('sendSocketMessage', code, detail, cause));
  }

  private sendFailed(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    const error = this.sendError(code, detail, cause);
    if (!hasCallbacks(callbacks)) return this.host.warn(`sendSocketMessage failed with no callback to tell: ${error.errMsg}`);
    settleLater(callbacks, false, error, this.warnThrow);
  }

  // ---- close -----------------------------------------------------------------------------

  close(options?: CloseSocketOptions): void {
    const callbacks = readCallbacks(options);
    const fail = (code: ErrCodeValue, detail?: string, cause?: unknown): void =>
      settleLater(callbacks, false, this.host.decorate(socketError('closeSocket', code, detail, cause)), this.warnThrow);
    const read = readClose(options);
    if (isInvalid(read)) return fail(read.code, read.detail, read.cause);
    if (this.state === ReadyState.CLOSING || this.state === ReadyState.CLOSED) return fail(ErrCode.NOT_CONNECTED);
    const checked = validateClose(read.code, read.reason);
    if (isInvalid(checked)) return fail(checked.code, checked.detail);

    this.closing = true;
    this.ticket++;
    this.preparing = false;
    // A close the application asked for needs no more proof of life, nor app and network events.
    this.heartbeat?.stop();
    this.awareness?.uninstall();
    const inner = this.inner;
    // A link that is already failing (close() called from onError) cannot take the close:
    // it ends on its own, and this task ends with the close asked for, as between links.
    if (inner !== undefined && inner.readyState < ReadyState.CLOSING) {
      // The link closes (or aborts its handshake) with the caller's code; its onClose ends this task.
      this.state = ReadyState.CLOSING;
      inner.close({ code: checked.code, reason: checked.reason, ...callbacks });
      return;
    }
    // Between links (or a link refused before dialling): nothing to close on the wire;
    // end with the close the caller asked for.
    if (inner !== undefined) this.detach(inner);
    this.state = ReadyState.CLOSING;
    clearTimeout(this.timer);
    this.timer = undefined;
    settleLater(callbacks, true, closeOk(), this.warnThrow);
    queueMicrotask(() => this.finish(checked, { queueError: this.sendError(ErrCode.CLOSED_BEFORE_WRITE) }));
  }
}
