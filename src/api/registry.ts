/**
 * The registry of one API object's tasks (docs/contract.md sections 2 and 8): the live
 * tasks in creation order, the bound task the global functions act on, the connection
 * limit, singleSocket's displacement and Alipay's one global socket. It holds links (the
 * cores of plain tasks); a reconnecting task's links share the place of its first link.
 */
import type { ReadyStateValue } from '../types.js';
import { isClosed, isLive } from '../task/states.js';

export interface Registered {
  readonly readyState: ReadyStateValue;
}

/**
 * Its state is in plain private fields, not `#private` ones: the registry is reachable only
 * from inside an API object's closure, and the device build is ES2018, where each `#private`
 * field becomes a WeakMap looked up on every access.
 */
export class Registry<T extends Registered> {
  /** Tasks that have not ended, each with its place in the binding order. */
  private readonly live = new Map<T, number>();
  /** The bound task: the live task with the lowest place that is not a task of its own; kept at hand, the globals ask on every event. */
  private boundTask: T | undefined = undefined;
  /**
   * Bound tasks that have ended and whose onClose has not come yet: it still belongs to the
   * global onSocketClose. More than one at a time (issue 11, finding 12): singleSocket can
   * displace the next bound task before the server answers the first one's close frame.
   */
  private readonly endedBound = new Set<T>();
  /** Alipay's `multiple: true` tasks: never bound to the globals. */
  private readonly own = new WeakSet<T>();

  /** `limit`: most tasks in CONNECTING, OPEN or CLOSING at once (Infinity: none). */
  constructor(readonly limit: number) {}

  /**
   * Registers a new task. `place` is its id, or for a reconnecting task's later links the
   * id of its first link (the task has not ended between links, so its next link takes
   * the binding back). A task of its own is never bound.
   */
  admit(task: T, place: number, own: boolean): void {
    this.live.set(task, place);
    if (own) this.own.add(task);
    else if (this.boundTask === undefined || place < this.live.get(this.boundTask)!) this.boundTask = task;
  }

  /** The task the global functions act on, if any. */
  bound(): T | undefined {
    return this.boundTask;
  }

  /** Whether the task's events go to the onSocketX slots: the bound task, or the bound task that has just ended. */
  isBound(task: T): boolean {
    return task === this.boundTask || this.endedBound.has(task);
  }

  /** The task has ended (before its onClose): it holds no slot, and the next live task is bound. */
  ended(task: T, refused = false): void {
    if (!this.live.delete(task) || task !== this.boundTask) return;
    // A task refused before dialling has no onClose to wait for.
    if (!refused) this.endedBound.add(task);
    this.boundTask = this.nextBound();
  }

  /** The task's onClose has been delivered: the ended bound task is let go (it holds the user's listeners). */
  closed(task: T): void {
    this.endedBound.delete(task);
  }

  /** Whether the limit leaves no slot for `self` (every live task but CLOSED ones holds one). */
  full(self: T): boolean {
    if (!(this.limit < Infinity)) return false;
    let active = 0;
    for (const task of this.live.keys()) if (task !== self && !isClosed(task.readyState)) active++;
    return active >= this.limit;
  }

  /** Alipay: whether a global socket (not a task of its own) other than `self` is connecting or open. */
  globalExists(self: T): boolean {
    for (const task of this.live.keys()) {
      if (task !== self && !this.own.has(task) && isLive(task.readyState)) return true;
    }
    return false;
  }

  /** singleSocket: the live tasks a new task displaces (CONNECTING or OPEN, other than `self`). */
  displacedBy(self: T): T[] {
    return [...this.live.keys()].filter((task) => task !== self && isLive(task.readyState));
  }

  isOwn(task: T): boolean {
    return this.own.has(task);
  }

  /** Tasks that have not ended. */
  get size(): number {
    return this.live.size;
  }

  private nextBound(): T | undefined {
    let best: T | undefined;
    let bestPlace = Infinity;
    for (const [task, place] of this.live) {
      if (place >= bestPlace || this.own.has(task)) continue;
      best = task;
      bestPlace = place;
    }
    return best;
  }
}
