/**
 * The one event recorder of the tests: every event of a task, in order, from the moment
 * it is made (a reconnecting task's onReconnecting and onGiveUp too), with the task's
 * readyState at each. Two views of the same record: tuples (`list`, `names()`, `next()`)
 * and objects with a `type` (`events`, `types()`), whichever reads better in a test.
 * No Node module here: the contract cases run it in a browser page too.
 */
import type {
  OnReconnectingResult,
  OnSocketCloseResult,
  OnSocketErrorResult,
  OnSocketMessageResult,
  OnSocketOpenResult,
  ReconnectingSocketTask,
  SocketError,
  SocketTask
} from '../../src/types.js';
import { waitUntil } from './wait.js';

export interface EventPayloads {
  open: OnSocketOpenResult;
  message: OnSocketMessageResult;
  error: OnSocketErrorResult;
  close: OnSocketCloseResult;
  reconnecting: OnReconnectingResult;
  giveup: SocketError;
}
export type EventName = keyof EventPayloads;
export type RecordedEvent = { [K in EventName]: [K, EventPayloads[K]] }[EventName];

/** The object view of one event. */
export type Event =
  | { type: 'open' }
  | { type: 'message'; data: string | ArrayBuffer }
  | { type: 'error'; errCode: number; errMsg: string }
  | { type: 'close'; code: number; reason: string; readyState: number }
  | { type: 'reconnecting'; attempt: number; delay: number; reason: string }
  | { type: 'giveup'; errCode: number; errMsg: string };

/** A compact rendering for failure messages (no payloads, which can be large). */
const names = (list: RecordedEvent[]): string => list.map(([name]) => name).join(', ') || 'none';

export class EventRecorder {
  readonly list: RecordedEvent[] = [];
  /** The task's readyState when each event was recorded, in step with `list`. */
  readonly states: number[] = [];

  constructor(private readonly task: SocketTask) {
    const add = (event: RecordedEvent): void => {
      this.list.push(event);
      this.states.push(task.readyState);
    };
    task.onOpen((r) => add(['open', r]));
    task.onMessage((r) => add(['message', r]));
    task.onError((r) => add(['error', r]));
    task.onClose((r) => add(['close', r]));
    // A plain task has neither of these.
    const layered = task as Partial<ReconnectingSocketTask>;
    layered.onReconnecting?.((r) => add(['reconnecting', r]));
    layered.onGiveUp?.((r) => add(['giveup', r]));
  }

  names(): EventName[] {
    return this.list.map(([name]) => name);
  }

  all<K extends EventName>(name: K): Array<EventPayloads[K]> {
    return this.list.filter((event) => event[0] === name).map((event) => event[1] as EventPayloads[K]);
  }

  count(name: EventName): number {
    return this.all(name).length;
  }

  /** Waits until `count` events named `name` have been recorded; resolves with the last of them. */
  async next<K extends EventName>(name: K, ms = 3000, count = 1): Promise<EventPayloads[K]> {
    await waitUntil(() => this.count(name) >= count, `${name} event #${count} (events so far: ${names(this.list)})`, ms);
    return this.all(name)[count - 1] as EventPayloads[K];
  }

  /** `next(name)` with the default bound, counting from the first event. */
  wait<K extends EventName>(name: K, count = 1): Promise<EventPayloads[K]> {
    return this.next(name, 8000, count);
  }

  closed(ms = 3000): Promise<OnSocketCloseResult> {
    return this.next('close', ms);
  }

  waitFor(check: () => boolean, what: string, ms?: number): Promise<void> {
    return waitUntil(check, `${what} (events so far: ${names(this.list)})`, ms);
  }

  /** The object view: `{ type, ...fields }` per event, a close with the readyState it left. */
  get events(): Event[] {
    return this.list.map((event, i) => objectView(event, this.states[i]!));
  }

  types(filter?: (event: Event) => boolean): string[] {
    return this.events.filter(filter ?? (() => true)).map((event) => event.type);
  }

  /** The task recorded (handy when a test made it inline). */
  get target(): SocketTask {
    return this.task;
  }
}

function objectView([name, r]: RecordedEvent, readyState: number): Event {
  switch (name) {
    case 'open':
      return { type: 'open' };
    case 'message':
      return { type: 'message', data: r.data };
    case 'error':
      return { type: 'error', errCode: r.errCode, errMsg: r.errMsg };
    case 'close':
      return { type: 'close', code: r.code, reason: r.reason, readyState };
    case 'reconnecting':
      return { type: 'reconnecting', attempt: r.attempt, delay: r.delay, reason: r.reason };
    case 'giveup':
      return { type: 'giveup', errCode: r.errCode, errMsg: r.errMsg };
  }
}

export const record = (task: SocketTask): EventRecorder => new EventRecorder(task);
