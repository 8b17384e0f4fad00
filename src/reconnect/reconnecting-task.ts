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
import { watchAppAndNetwork, type Awareness, type AwareTask, type ProbeReason } from './awareness.js';
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
export interface ReconnectingCore extends TaskPort {
  readonly reconnectings: Listeners<OnReconnectingResult>;
  readonly giveUps: Listeners<SocketError>;
  /** What connectSocket's callbacks got, for the profile's return shape (Taro's Promise). */
  readonly outcome: { ok: boolean; result: object };
  /** Drops the current link (or attempt, or wait) and dials now with the backoff reset. */
  reconnect(): void;
}

/**
 * The state lives in the closure, not in `#private` fields (as in the native engine's
 * native-socket.ts): the device build is ES2018, where each private field and method
 * becomes a WeakMap looked up on every access, and a lowered private method is a
 * top-level assignment that a bundler cannot drop from the one-file build when the layer
 * is not used. The object returned is internal: the public task is the shell below.
 */
export function reconnectingCore(options: object, settings: LayerSettings | { refusal: Failure }, host: LayerHost): ReconnectingCore {
  const opens = new Listeners<OnSocketOpenResult>();
  const messages = new Listeners<OnSocketMessageResult>();
  const errors = new Listeners<OnSocketErrorResult>();
  const closes = new Listeners<OnSocketCloseResult>();
  const reconnectings = new Listeners<OnReconnectingResult>();
  const giveUps = new Listeners<SocketError>();
  /** undefined when the settings were refused (the task is dead at once). */
  const layer = 'refusal' in settings ? undefined : settings;

  let state: ReadyStateValue = ReadyState.CONNECTING;
  let current: Link | undefined;
  let currentSubscriber: TaskSubscriber | undefined;
  let lastUrl: string | undefined;
  let linkOpen = false;
  let openedAt = 0;
  /** Reconnects in a row without a stable link: the backoff exponent and what maxAttempts counts. */
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: Heartbeat | undefined;
  /** The last error of the current attempt: a 4xx status in it decides whether to retry. */
  let lastError: SocketError | undefined;
  /** Set once the application (or a global closeSocket on the link) has asked for the end. */
  let closing = false;
  let subscribers: readonly TaskSubscriber[] = [];
  const queue = new OfflineQueue(layer?.maxQueued ?? 0, layer?.maxQueuedBytes ?? 0);
  const dialOptions: Record<string, unknown> = {};
  // ---- issue 14: Retry-After, beforeRedial, the app and the network
  /** The refused handshake's Retry-After header, from the current attempt's link. */
  let retryAfter: string | undefined;
  /** Bumped by every beforeRedial call, reconnect() and close(): a beforeRedial that settles late is then stale. */
  let tickets = 0;
  /** Waiting for beforeRedial to settle. */
  let preparing = false;
  /** App and network events (awareness.ts); undefined without reconnect. */
  let awareness: Awareness | undefined;
  /** Set while a probe made on show or a network change is unanswered: a link that dies then is redialled at once. */
  let probing: ProbeReason | undefined;
  /** When the planned attempt's timer fires (for reports made while waiting). */
  let dueAt = 0;

  for (const key of DIAL_KEYS) {
    const { value } = readProperty(options, key);
    if (value !== undefined) dialOptions[key] = value;
  }
  // The first link gets the caller's own options object, so its success/fail/complete
  // run exactly as a plain connectSocket runs them.
  const first = host.dial(options, 'refusal' in settings ? settings.refusal : undefined);
  /** The first link's id: what connectSocket's success result reported. */
  const id = first.link.id;
  if (first.ok) {
    attach(first.link);
    // issue 14: app and network events, installed after connectSocket has returned (a source may report its state at once).
    if (layer?.reconnect !== undefined) {
      const aware = watchAppAndNetwork(
        awareTask(),
        lifecycleSource(layer.reconnect.lifecycle, host.native, (message) => host.warn(message))
      );
      awareness = aware;
      queueMicrotask(() => aware.install());
    }
  } else {
    // Refused before dialling (bad options, limit): dead at once, onError only, as a plain task.
    state = ReadyState.CLOSED;
    first.link.subscribe({ error: (error) => emitError(error) });
  }

  function warn(message: string): void {
    host.warn(message);
  }

  // ---- port: subscribers and ping ----------------------------------------------------

  function subscribe(subscriber: TaskSubscriber): void {
    if (!subscribers.includes(subscriber)) subscribers = subscribers.concat(subscriber);
  }

  function unsubscribe(subscriber: TaskSubscriber): void {
    subscribers = subscribers.filter((s) => s !== subscriber);
  }

  function tell<K extends keyof TaskSubscriber>(event: K, result: Parameters<NonNullable<TaskSubscriber[K]>>[0]): void {
    if (subscribers.length > 0) tellAll(subscribers, event, result, host.warnThrow);
  }

  /** A ping frame on the current link, while it is open. */
  function ping(): boolean {
    return isOpen(state) && current?.ping() === true;
  }

  // ---- links ---------------------------------------------------------------------------

  function attach(inner: Link): void {
    current = inner;
    lastUrl = inner.url ?? lastUrl;
    linkOpen = false;
    lastError = undefined;
    retryAfter = undefined;
    probing = undefined;
    const subscriber: TaskSubscriber = {
      open: (result) => current === inner && linkOpened(inner, result),
      message: (result) => current === inner && linkMessage(result),
      error: (error) => {
        if (current !== inner) return;
        lastError = error;
        retryAfter = inner.retryAfter;
        if (linkOpen) linkFailed(inner);
        emitError(error);
      },
      close: (result) => current === inner && linkClosed(result),
      pong: () => {
        linkAlive();
        tell('pong', undefined);
      },
      // A close that does not come from this task (a global closeSocket on the bound link,
      // singleSocket mode) is the application's wish to stop, not a reason to reconnect;
      // one that fails validation changes nothing.
      closeAccepted: () => {
        if (current !== inner) return;
        closing = true;
        heartbeat?.stop();
        tell('closeAccepted', undefined);
      }
    };
    currentSubscriber = subscriber;
    inner.subscribe(subscriber);
  }

  /**
   * An open link failed (invalid UTF-8, maxPayload, ...): it is gone from here on, whether
   * or not the server ever answers its close frame (issue 11, findings 4 and 5). The
   * heartbeat stops (its deadline must not report a second error on this link), sends are
   * queued for the next link, and the link ends now rather than at the close timeout.
   */
  function linkFailed(inner: Link): void {
    heartbeat?.stop();
    heartbeat = undefined;
    if (!closing && layer!.reconnect !== undefined) state = ReadyState.CONNECTING;
    // After the error is told everywhere (the link's other subscribers, the global onSocketError).
    queueMicrotask(() => inner.drop());
  }

  function emitError(error: SocketError): void {
    errors.emit(error, host.warnThrow);
    tell('error', error);
  }

  function linkOpened(inner: Link, result: OnSocketOpenResult): void {
    linkOpen = true;
    openedAt = Date.now();
    state = ReadyState.OPEN;
    startHeartbeat(inner);
    opens.emit(result, host.warnThrow);
    tell('open', result);
    // issue 14: what onOpen listeners sent (this task's, and the global onSocketOpen, told
    // after them) went straight to the link, so an auth message goes first; the queue
    // follows once they are done, unless one of them ended the link.
    queueMicrotask(() => {
      if (current !== inner || !linkOpen || !isOpen(state)) return;
      for (const item of queue.take()) inner.sendValue(item.data, item.callbacks);
    });
  }

  function linkMessage(result: OnSocketMessageResult): void {
    const hb = heartbeat;
    if (hb !== undefined) {
      const pong = layer!.heartbeat?.pong;
      if (pong === undefined || safeTest(pong, result.data)) linkAlive();
    }
    messages.emit(result, host.warnThrow);
    tell('message', result);
  }

  /** The link answered a probe: the heartbeat's deadline (and a show/network probe's urgency) are over. */
  function linkAlive(): void {
    probing = undefined;
    heartbeat?.alive();
  }

  function safeTest(test: (data: string | ArrayBuffer) => boolean, data: string | ArrayBuffer): boolean {
    try {
      return test(data) === true;
    } catch (error) {
      host.warnThrow(error);
      return false;
    }
  }

  function linkClosed(result: OnSocketCloseResult): void {
    const inner = current!;
    detach(inner);
    const wasOpen = linkOpen;
    linkOpen = false;
    if (wasOpen && Date.now() - openedAt >= (layer!.reconnect?.stableAfter ?? 0)) attempts = 0;
    afterLink(result, wasOpen);
  }

  /** A link ended, or an attempt failed (wasOpen false): end for good, or plan the next dial. */
  function afterLink(result: OnSocketCloseResult, wasOpen: boolean): void {
    const ending = endingAfter(result, wasOpen);
    if (ending !== undefined) return finish(result, ending);
    state = ReadyState.CONNECTING;
    if (wasOpen) emitClose(result);
    // An onClose listener may have closed the task (or called reconnect()): no other dial then.
    if (!closing && current === undefined && timer === undefined && !preparing) schedule(wasOpen ? 'close' : 'error');
  }

  function emitClose(result: OnSocketCloseResult): void {
    closes.emit(result, host.warnThrow);
    tell('close', result);
  }

  function detach(inner: Link): void {
    current = undefined;
    heartbeat?.stop();
    heartbeat = undefined;
    if (currentSubscriber !== undefined) inner.unsubscribe(currentSubscriber);
    currentSubscriber = undefined;
  }

  /** undefined: reconnect; else why the task ends for good. */
  function endingAfter(result: OnSocketCloseResult, wasOpen: boolean): Ending | undefined {
    const policy = layer!.reconnect;
    if (closing || policy === undefined) {
      return { queueError: sendError(Code.CLOSED_BEFORE_WRITE) };
    }
    let reason: string | undefined;
    if (wasOpen && policy.finalCodes.has(result.code)) reason = `close code ${result.code} is final`;
    // The HTTP status of a refused handshake, as the engine reported it.
    const status = wasOpen ? undefined : lastError?.statusCode;
    if (status !== undefined && status >= 400 && status < 500 && !policy.retryStatus.has(status)) {
      reason = `the server answered ${status}`;
    }
    // issue 14: the application's predicate, where given, overrides the two rules above.
    const close = {
      code: result.code,
      reason: result.reason,
      wasOpen,
      ...(wasOpen || lastError === undefined ? {} : { error: lastError })
    };
    const verdict = askShouldReconnect(policy.shouldReconnect, close, attempts + 1, (message) => host.warn(message));
    if (verdict === true) reason = undefined;
    if (verdict === false) reason = 'shouldReconnect returned false';
    if (reason === undefined && attempts >= policy.maxAttempts) {
      reason = attempts === 0 ? 'maxAttempts is 0' : `${attempts} reconnect attempts failed`;
    }
    if (reason === undefined) return undefined;
    return {
      queueError: sendError(Code.GAVE_UP, reason),
      giveUp: host.error({ api: 'connectSocket', code: Code.GAVE_UP, detail: reason })
    };
  }

  function schedule(reason: ReconnectReason): void {
    // issue 14: no attempts while the network is away; they are neither made nor counted.
    if (awareness?.mayDial() === false) return report(-1, 'offline');
    attempts++;
    const policy = layer!.reconnect!;
    let delay = backoffDelay(attempts, policy);
    // issue 14: the link died while a show/network probe was out: the app wants it back now.
    if (probing !== undefined) {
      delay = 0;
      reason = probing;
      probing = undefined;
    }
    // issue 14: a 429/503 handshake answer with Retry-After sets the least wait (capped by maxDelay).
    const status = lastError?.statusCode;
    const asked =
      status !== undefined && RETRY_AFTER_STATUS.has(status) && retryAfter !== undefined ? parseRetryAfter(retryAfter) : undefined;
    if (asked !== undefined) {
      delay = delayAfterRetryAfter(delay, asked, policy.maxDelay);
      reason = 'retry-after';
    }
    timer = setTimeout(() => redial(), delay);
    dueAt = Date.now() + delay;
    report(delay, reason);
  }

  function report(delay: number, reason: ReconnectReason): void {
    reconnectings.emit({ attempt: attempts, delay, reason }, host.warnThrow);
  }

  /** issue 14: runs beforeRedial, where given, then dials; its failure is a failed attempt (610042). */
  function redial(): void {
    timer = undefined;
    const hook = layer!.reconnect?.beforeRedial;
    if (hook === undefined) return dialNext();
    const ticket = ++tickets;
    preparing = true;
    runBeforeRedial(hook, attempts, (outcome) => {
      if (ticket !== tickets || closing) return;
      preparing = false;
      if ('options' in outcome) {
        Object.assign(dialOptions, outcome.options);
        return dialNext();
      }
      const error = host.error({ api: 'connectSocket', code: Code.REDIAL_REFUSED, detail: outcome.failure, cause: outcome.cause });
      lastError = error;
      retryAfter = undefined;
      emitError(error);
      // An onError listener may have closed the task, or called reconnect().
      if (!closing && ticket === tickets) afterLink({ code: 1006, reason: '' }, false);
    });
  }

  function dialNext(): void {
    const { link, ok } = host.dial(dialOptions, undefined, id);
    attach(link);
    if (ok) return;
    // Refused before dialling (the connection limit): its onError comes in a microtask
    // and it never closes, so count it as a failed attempt right after that.
    queueMicrotask(() => current === link && linkClosed({ code: 1006, reason: '' }));
  }

  /** The end for good: queued sends fail, then onGiveUp (if not asked for), then onClose, last. */
  function finish(result: OnSocketCloseResult, ending: Ending): void {
    if (state === ReadyState.CLOSED) return;
    state = ReadyState.CLOSED;
    closing = true;
    clearTimeout(timer);
    timer = undefined;
    awareness?.uninstall();
    let untold = 0;
    for (const item of queue.take()) {
      if (hasCallbacks(item.callbacks)) settleNow(item.callbacks, false, ending.queueError, host.warnThrow);
      else untold++;
    }
    if (untold > 0) host.warn(`${untold} queued sends without callbacks were not sent: ${ending.queueError.errMsg}`);
    if (ending.giveUp) giveUps.emit(ending.giveUp, host.warnThrow);
    emitClose(result);
  }

  // ---- heartbeat -------------------------------------------------------------------------

  function startHeartbeat(inner: Link): void {
    const policy = layer!.heartbeat;
    if (policy === undefined) return;
    const message = policy.message;
    let probe: () => void;
    if (message !== undefined) {
      probe = () => inner.sendValue(message, NO_CALLBACKS);
    } else if (inner.canPing) {
      probe = () => void inner.ping();
    } else {
      host.warn('heartbeat is off: this engine cannot send ping frames; set heartbeat.message to use an application message');
      return;
    }
    heartbeat = new Heartbeat(policy, probe, () => linkDead(inner, policy.timeout));
    heartbeat.start();
    // issue 14: a link that opens while the app is hidden arms no deadline until show.
    if (awareness?.hidden === true) heartbeat.relax();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  function linkDead(inner: Link, timeout: number): void {
    if (current !== inner) return;
    inner.abortWithError({ api: 'connectSocket', code: Code.HEARTBEAT_TIMEOUT, detail: timeout });
  }

  // ---- issue 14: reconnect(), and what the app/network awareness works with ----------------

  /** Drops the current link (or attempt, or wait) and dials now with the backoff reset. */
  function reconnect(): void {
    if (closing || !isLive(state)) return host.warn('task.reconnect() does nothing: the task has ended (create a new one)');
    if (layer!.reconnect === undefined) return host.warn('task.reconnect() needs the reconnect option');
    tickets++;
    preparing = false;
    clearTimeout(timer);
    timer = undefined;
    const inner = current;
    const wasOpen = linkOpen;
    if (inner !== undefined) {
      detach(inner);
      linkOpen = false;
      // The old link ends with a normal close (its unwritten sends get fail from it, as ever).
      if (inner.closable) inner.closeWith(1000, 'reconnect', NO_CALLBACKS);
    }
    state = ReadyState.CONNECTING;
    attempts = 0;
    const ticket = tickets;
    // Events never run inside the call that caused them: the old link's onClose, then onReconnecting, then the dial.
    queueMicrotask(() => {
      if (closing || ticket !== tickets) return;
      if (wasOpen) emitClose({ code: 1000, reason: 'reconnect' });
      if (closing || ticket !== tickets) return;
      attempts = 1;
      report(0, 'reconnect');
      redial();
    });
  }

  function awareTask(): AwareTask {
    return {
      phase: () => {
        if (closing || !isLive(state)) return 'ended';
        if (linkOpen) return 'open';
        if (timer !== undefined) return 'waiting';
        return current !== undefined || preparing ? 'busy' : 'idle';
      },
      maxDelay: () => layer!.reconnect!.maxDelay,
      remaining: () => Math.max(0, dueAt - Date.now()),
      report: (delay, reason) => report(delay, reason),
      relaxHeartbeat: () => heartbeat?.relax(),
      probe: (why) => probeLink(why),
      resetBackoff: () => {
        attempts = 0;
      },
      dialNow: (reason, fresh) => {
        clearTimeout(timer);
        timer = undefined;
        if (fresh) attempts = 1;
        report(0, reason);
        redial();
      },
      cancelPlanned: () => {
        clearTimeout(timer);
        timer = undefined;
        attempts = Math.max(0, attempts - 1);
      }
    };
  }

  /** Probes the open link at once: the heartbeat's probe, or a single ping where there is no heartbeat. */
  function probeLink(why: ProbeReason): void {
    const inner = current;
    if (inner === undefined || !linkOpen) return;
    probing = why;
    if (heartbeat !== undefined) return heartbeat.probeNow();
    if (!inner.canPing) return; // nothing to probe with: the link's own close will tell
    const timeout = HEARTBEAT_DEFAULTS.timeout;
    const once = new Heartbeat(
      { interval: timeout, timeout },
      () => void inner.ping(),
      () => linkDead(inner, timeout),
      false
    );
    heartbeat = once;
    once.probeNow();
  }

  // ---- send ------------------------------------------------------------------------------

  function sendValue(value: unknown, callbacks: CallbackSet): void {
    const inner = current;
    if (isOpen(state) && inner !== undefined) return inner.sendValue(value, callbacks);
    if (!isConnecting(state)) return refuseSend(callbacks, Code.NOT_CONNECTED);
    const data = toSendable(value, host.acceptViews);
    if (data === undefined) return refuseSend(callbacks, Code.INVALID_SEND_DATA);
    const refused = queue.push(data, callbacks);
    if (refused !== undefined) refuseSend(callbacks, Code.QUEUE_OVERFLOW, refused);
  }

  function refuseSend(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(host, { api: 'sendSocketMessage', code, detail, cause }, callbacks);
  }

  function sendError(code: ErrCodeValue, detail?: string): SocketError {
    return host.error({ api: 'sendSocketMessage', code, detail });
  }

  // ---- close -----------------------------------------------------------------------------

  function refuseClose(callbacks: CallbackSet, code: ErrCodeValue, detail?: string, cause?: unknown): void {
    refuseCall(host, { api: 'closeSocket', code, detail, cause }, callbacks);
  }

  function closeWith(code: number, reason: string, callbacks: CallbackSet): void {
    closing = true;
    tickets++;
    preparing = false;
    // A close the application asked for needs no more proof of life, nor app and network events.
    heartbeat?.stop();
    awareness?.uninstall();
    const inner = current;
    // A link that is already failing (close() called from onError) cannot take the close:
    // it ends on its own, and this task ends with the close asked for, as between links.
    if (inner?.closable === true) {
      // The link closes (or aborts its handshake) with the caller's code; its onClose ends this task.
      state = ReadyState.CLOSING;
      inner.closeWith(code, reason, callbacks);
      return;
    }
    // Between links (or a link refused before dialling): nothing to close on the wire;
    // end with the close the caller asked for.
    if (inner !== undefined) detach(inner);
    state = ReadyState.CLOSING;
    clearTimeout(timer);
    timer = undefined;
    settleLater(callbacks, true, closeOk(), host.warnThrow);
    queueMicrotask(() => finish({ code, reason }, { queueError: sendError(Code.CLOSED_BEFORE_WRITE) }));
  }

  return {
    opens,
    messages,
    errors,
    closes,
    reconnectings,
    giveUps,
    id,
    outcome: { ok: first.ok, result: first.result },
    get readyState() {
      return state;
    },
    get url() {
      return current?.url ?? lastUrl;
    },
    get canPing() {
      return current?.canPing === true;
    },
    get closable() {
      return isLive(state);
    },
    warn,
    subscribe,
    unsubscribe,
    ping,
    reconnect,
    sendValue,
    refuseSend,
    refuseClose,
    closeWith
  };
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
