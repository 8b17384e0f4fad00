/**
 * What a reconnecting task does when the app hides or shows and when the network goes or
 * comes back (issue 14, docs/reconnect.md "App and network"). The facts come from a
 * lifecycle source (lifecycle.ts); this file decides what they mean; the task offers the
 * few actions it needs (AwareTask) and asks `mayDial()` before planning an attempt.
 *
 * - hidden: no heartbeat deadlines (a suspended app cannot answer; probes go on where JS runs);
 * - shown: probe an open link at once; a task waiting for its next attempt dials now;
 * - network lost: no attempts, and a planned one is cancelled and not counted; while
 *   offline between links, the network state is read again every maxDelay (a "back
 *   online" event may never come: dcloudio/uni-app_1288);
 * - network back: the backoff starts over and a task between links dials now;
 * - network type changed (Wi-Fi to 4G): probe an open link; a waiting task dials now.
 * Every transition is reported through onReconnecting with its reason.
 */
import type { ReconnectReason } from '../types.js';
import type { InstalledLifecycle, LifecycleEvents, LifecycleSource } from './lifecycle.js';

/** Why an open link is probed: a link that dies before answering is redialled at once, for this reason. */
export type ProbeReason = 'show' | 'online' | 'offline' | 'network-change';

/** The task's side: its state and the actions the awareness may take. */
export interface AwareTask {
  /** open: a link is open; waiting: an attempt is planned on a timer; busy: dialling (or in beforeRedial); idle: between links, nothing planned; ended. */
  phase(): 'open' | 'waiting' | 'busy' | 'idle' | 'ended';
  /** ms until the planned attempt (phase 'waiting'). */
  remaining(): number;
  maxDelay(): number;
  /** The backoff starts over (the network is back). */
  resetBackoff(): void;
  report(delay: number, reason: ReconnectReason): void;
  /** No heartbeat deadlines from now until the next probe (probes may go on). */
  relaxHeartbeat(): void;
  /** Probes the open link now (the heartbeat's probe, or a single ping). */
  probe(why: ProbeReason): void;
  /** Cancels a planned attempt and dials now: the same attempt, or (fresh) attempt 1 with the backoff reset. */
  dialNow(reason: ReconnectReason, fresh: boolean): void;
  /** Cancels a planned attempt without making it; it does not count. */
  cancelPlanned(): void;
}

export class Awareness implements LifecycleEvents {
  hidden = false;
  offline = false;
  private _networkType: string | undefined = undefined;
  private _installed: InstalledLifecycle | undefined = undefined;
  private _check: ReturnType<typeof setTimeout> | undefined = undefined;
  private _ended = false;

  constructor(
    private readonly task: AwareTask,
    private readonly source: LifecycleSource | undefined
  ) {}

  /** Registers the source's listeners (after connectSocket has returned: a source may report its state at once). */
  install(): void {
    if (this._ended || this._installed !== undefined || this.source === undefined) return;
    this._installed = this.source(this);
  }

  /** Removes every listener and timer; nothing is reported afterwards. */
  uninstall(): void {
    this._ended = true;
    const installed = this._installed;
    this._installed = undefined;
    installed?.uninstall();
    clearTimeout(this._check);
    this._check = undefined;
  }

  /** Asked before planning an attempt: false while the network is away (the task then waits for it). */
  mayDial(): boolean {
    if (!this.offline) return true;
    this._waitForNetwork();
    return false;
  }

  hide(): void {
    if (this._ended || this.hidden) return;
    this.hidden = true;
    this.task.relaxHeartbeat();
    this.task.report(this.task.phase() === 'waiting' ? this.task.remaining() : -1, 'hide');
  }

  show(): void {
    if (this._ended) return;
    this.hidden = false;
    this._installed?.recheck();
    if (this._ended) return;
    const { task } = this;
    if (task.phase() === 'open') {
      task.probe('show');
      return task.report(-1, 'show');
    }
    if (task.phase() === 'waiting' && !this.offline) return task.dialNow('show', false);
    task.report(this.offline || task.phase() !== 'busy' ? -1 : 0, 'show');
  }

  network(connected: boolean, type: string | undefined): void {
    if (this._ended) return;
    if (connected) this._up(type);
    else this._lost();
  }

  private _lost(): void {
    if (this.offline) return;
    this.offline = true;
    const { task } = this;
    if (task.phase() === 'waiting') task.cancelPlanned();
    // An open link on a lost network is probably dead: find out within the probe's timeout.
    if (task.phase() === 'open') task.probe('offline');
    if (task.phase() === 'idle') this._waitForNetwork();
    task.report(-1, 'offline');
  }

  private _up(type: string | undefined): void {
    const changed = type !== undefined && this._networkType !== undefined && type !== this._networkType;
    this._networkType = type ?? this._networkType;
    const { task } = this;
    if (this.offline) {
      this.offline = false;
      clearTimeout(this._check);
      this._check = undefined;
      task.resetBackoff();
      if (task.phase() === 'open') {
        task.probe('online');
        return task.report(-1, 'online');
      }
      if (task.phase() === 'idle' || task.phase() === 'waiting') return task.dialNow('online', true);
      return task.report(0, 'online');
    }
    if (!changed) return;
    if (task.phase() === 'open') {
      task.probe('network-change');
      return task.report(-1, 'network-change');
    }
    if (task.phase() === 'waiting') task.dialNow('network-change', false);
  }

  private _waitForNetwork(): void {
    if (this._check !== undefined || this._installed === undefined) return;
    const check = (): void => {
      this._check = undefined;
      if (!this.offline || this._ended) return;
      this._check = setTimeout(check, this.task.maxDelay());
      this._installed?.recheck();
    };
    this._check = setTimeout(check, this.task.maxDelay());
  }
}
