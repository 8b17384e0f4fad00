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

/** What the reconnecting task holds: install and remove the source, ask before dialling, and whether the app is hidden. */
export interface Awareness {
  readonly hidden: boolean;
  /** Registers the source's listeners (after connectSocket has returned: a source may report its state at once). */
  install(): void;
  /** Removes every listener and timer; nothing is reported afterwards. */
  uninstall(): void;
  /** Asked before planning an attempt: false while the network is away (the task then waits for it). */
  mayDial(): boolean;
}

/** The state lives in the closure, not in `#private` fields: see reconnectingCore (reconnecting-task.ts). */
export function watchAppAndNetwork(task: AwareTask, source: LifecycleSource | undefined): Awareness {
  let hidden = false;
  let offline = false;
  let networkType: string | undefined;
  let installed: InstalledLifecycle | undefined;
  let check: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const waitForNetwork = (): void => {
    if (check !== undefined || installed === undefined) return;
    const recheck = (): void => {
      check = undefined;
      if (!offline || ended) return;
      check = setTimeout(recheck, task.maxDelay());
      installed?.recheck();
    };
    check = setTimeout(recheck, task.maxDelay());
  };

  const lost = (): void => {
    if (offline) return;
    offline = true;
    if (task.phase() === 'waiting') task.cancelPlanned();
    // An open link on a lost network is probably dead: find out within the probe's timeout.
    if (task.phase() === 'open') task.probe('offline');
    if (task.phase() === 'idle') waitForNetwork();
    task.report(-1, 'offline');
  };

  const up = (type: string | undefined): void => {
    const changed = type !== undefined && networkType !== undefined && type !== networkType;
    networkType = type ?? networkType;
    if (offline) {
      offline = false;
      clearTimeout(check);
      check = undefined;
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
  };

  /** What the source reports to. */
  const events: LifecycleEvents = {
    hide() {
      if (ended || hidden) return;
      hidden = true;
      task.relaxHeartbeat();
      task.report(task.phase() === 'waiting' ? task.remaining() : -1, 'hide');
    },
    show() {
      if (ended) return;
      hidden = false;
      installed?.recheck();
      if (ended) return;
      if (task.phase() === 'open') {
        task.probe('show');
        return task.report(-1, 'show');
      }
      if (task.phase() === 'waiting' && !offline) return task.dialNow('show', false);
      task.report(offline || task.phase() !== 'busy' ? -1 : 0, 'show');
    },
    network(connected, type) {
      if (ended) return;
      if (connected) up(type);
      else lost();
    }
  };

  return {
    get hidden() {
      return hidden;
    },
    install() {
      if (ended || installed !== undefined || source === undefined) return;
      installed = source(events);
    },
    uninstall() {
      ended = true;
      const was = installed;
      installed = undefined;
      was?.uninstall();
      clearTimeout(check);
      check = undefined;
    },
    mayDial() {
      if (!offline) return true;
      waitForNetwork();
      return false;
    }
  };
}
