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
import type { LayerSettings } from './options.js';
import { OfflineQueue } from './queue.js';

/** What create-api gives the layer: the plain connectSocket path, minus the profile's return shape. */
export interface LayerHost {
  /** Creates (and dials) a plain task; with `refusal`, a task that fails with it instead. */
  /** `place`: where the task stands in the globals' binding order (a later link keeps the first one's). */
  dial(options: unknown, refusal?: SocketError, place?: number): { task: SocketTaskImpl; ok: boolean; result: object };
  readonly acceptViews: boolean;
  warn(message: string): void;
  decorate(error: SocketError): SocketError;
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
    this.lastError = undefined;
    inner.onOpen((result) => this.inner === inner && this.linkOpened(inner, result));
    inner.onMessage((result) => this.inner === inner && this.linkMessage(result));
    inner.onError((error) => {
      if (this.inner !== inner) return;
      this.lastError = error;
      this.errors.emit(error, this.warnThrow);
    });
    inner.onClose((result) => this.inner === inner && this.linkClosed(result));
    inner.onPongFrame = () => this.heartbeat?.alive();
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
    // Queued sends go first: they were made before anything an onOpen listener sends.
    for (const item of this.queue.take()) {
      inner.send({ data: item.data, ...item.callbacks });
    }
    this.opens.emit(result, this.warnThrow);
  }

  private linkMessage(result: OnSocketMessageResult): void {
    const hb = this.heartbeat;
    if (hb !== undefined) {
      const pong = this.policy.heartbeat!.pong;
      if (pong === undefined || this.safeTest(pong, result.data)) hb.alive();
    }
    this.messages.emit(result, this.warnThrow);
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

    const ending = this.endingAfter(result, wasOpen);
    if (ending !== undefined) return this.finish(result, ending);
    this.state = ReadyState.CONNECTING;
    if (wasOpen) this.closes.emit(result, this.warnThrow);
    // An onClose listener may have closed the task; it then ended without another dial.
    if (!this.closing) this.schedule();
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

  private schedule(): void {
    this.attempts++;
    const delay = backoffDelay(this.attempts, this.policy.reconnect!);
    this.timer = setTimeout(() => this.redial(), delay);
    this.reconnectings.emit({ attempt: this.attempts, delay }, this.warnThrow);
  }

  private redial(): void {
    this.timer = undefined;
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
    this.heartbeat.start();
  }

  /** A missed pong: report it, end the link as a dropped one (1006), and let linkClosed decide what follows. */
  private linkDead(inner: SocketTaskImpl, timeout: number): void {
    if (this.inner !== inner) return;
    inner._abortWithError(socketError('connectSocket', ErrCode.HEARTBEAT_TIMEOUT, timeout));
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
    // A close the application asked for needs no more proof of life.
    this.heartbeat?.stop();
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
