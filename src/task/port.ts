/**
 * The internal port of a task: what the other layers (the API's registry and global
 * functions, the reconnect layer, the CLI) use, instead of reaching into a task. A
 * public SocketTask is a thin shell over one of these cores (src/task/socket-task.ts).
 */
import type { CallbackSet } from './callbacks.js';
import type { CloseTarget, SendTarget } from './arguments.js';
import type { Listeners } from './listeners.js';
import type { OnSocketCloseResult, OnSocketErrorResult, OnSocketMessageResult, OnSocketOpenResult, ReadyStateValue } from '../types.js';

/**
 * A subscriber to a task's events; any number may subscribe, each hears every event it
 * has a method for, in subscription order, after the task's own listeners.
 */
export interface TaskSubscriber {
  open?(result: OnSocketOpenResult): void;
  message?(result: OnSocketMessageResult): void;
  error?(error: OnSocketErrorResult): void;
  close?(result: OnSocketCloseResult): void;
  /** A pong frame arrived (engines that have ping frames). */
  pong?(): void;
  /** close() was accepted (whoever called it: the application wants the end). */
  closeAccepted?(): void;
}

/** The listeners of the documented onX/offX methods. */
export interface TaskListeners {
  readonly opens: Listeners<OnSocketOpenResult>;
  readonly messages: Listeners<OnSocketMessageResult>;
  readonly errors: Listeners<OnSocketErrorResult>;
  readonly closes: Listeners<OnSocketCloseResult>;
}

/** The port every task core offers: a plain connection (Link) or a reconnecting one. */
export interface TaskPort extends SendTarget, CloseTarget, TaskListeners {
  /** socketTaskId. */
  readonly id: number;
  readonly readyState: ReadyStateValue;
  /** The URL dialled (after routes), for inspection; undefined for a task refused before dialling. */
  readonly url: string | undefined;
  /** Whether the engine beneath can send ping frames. */
  readonly canPing: boolean;
  /**
   * The bytes the engine holds unwritten (its bufferedAmount), where that count is sure
   * (an engine whose write outcomes come from the socket); undefined where it is not, or
   * once the connection is gone. The WebSocket facade reads it to keep bufferedAmount
   * without a write confirmation per message (issue 13).
   */
  readonly engineBuffered?: number | undefined;
  /** Sends a ping frame; false when not open or the engine cannot. */
  ping(): boolean;
  subscribe(subscriber: TaskSubscriber): void;
  unsubscribe(subscriber: TaskSubscriber): void;
}

/** Tells every subscriber that has a method for `event`; a throw goes to `onThrow` and the rest still hear it. */
export function tellAll<K extends keyof TaskSubscriber>(
  subscribers: readonly TaskSubscriber[],
  event: K,
  result: Parameters<NonNullable<TaskSubscriber[K]>>[0],
  onThrow: (error: unknown) => void
): void {
  for (let i = 0; i < subscribers.length; i++) {
    const subscriber = subscribers[i]!;
    const method = subscriber[event] as ((result: unknown) => void) | undefined;
    if (method === undefined) continue;
    try {
      method.call(subscriber, result);
    } catch (error) {
      onThrow(error);
    }
  }
}

export type { CallbackSet };
