/**
 * The public SocketTask: a thin shell over a task core (a Link, or the reconnect layer's
 * core). Its only own enumerable key is `socketTaskId` (Taro's profile adds `errMsg`);
 * the core is a true `#private` field, so nothing else of the task is reachable from
 * application code, and `console.log(task)` prints one short line.
 */
import {
  ReadyState,
  type CloseSocketOptions,
  type Listener,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type OnSocketOpenResultWithProfile,
  type ReadyStateValue,
  type SendSocketMessageOptions,
  type SocketTask
} from '../types.js';
import { readCallbacks, takeClose, takeSend } from './arguments.js';
import type { Listeners } from './listeners.js';
import type { TaskPort } from './port.js';

const STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

let coreOf: (task: TaskShell) => TaskPort;
let isShell: (value: object) => value is TaskShell;

export class TaskShell implements SocketTask {
  declare readonly CONNECTING: 0;
  declare readonly OPEN: 1;
  declare readonly CLOSING: 2;
  declare readonly CLOSED: 3;

  readonly socketTaskId: number;
  readonly #core: TaskPort;

  static {
    coreOf = (task) => task.#core;
    isShell = (value): value is TaskShell => #core in value;
  }

  constructor(core: TaskPort) {
    this.socketTaskId = core.id;
    this.#core = core;
  }

  get readyState(): ReadyStateValue {
    return this.#core.readyState;
  }

  send(options: SendSocketMessageOptions): void {
    takeSend(options, this.#core);
  }

  close(options?: CloseSocketOptions): void {
    takeClose(options, readCallbacks(options), this.#core);
  }

  onOpen(listener: Listener<OnSocketOpenResult>): void;
  onOpen(listener: Listener<OnSocketOpenResultWithProfile>): void;
  onOpen(listener: Listener<OnSocketOpenResult> | Listener<OnSocketOpenResultWithProfile>): void {
    listen(this.#core, this.#core.opens, listener as Listener<OnSocketOpenResult>, 'onOpen');
  }
  onMessage<T = string | ArrayBuffer>(listener: Listener<OnSocketMessageResult<T>>): void {
    listen(this.#core, this.#core.messages, listener as Listener<OnSocketMessageResult>, 'onMessage');
  }
  onError(listener: Listener<OnSocketErrorResult>): void {
    listen(this.#core, this.#core.errors, listener, 'onError');
  }
  onClose(listener: Listener<OnSocketCloseResult>): void {
    listen(this.#core, this.#core.closes, listener, 'onClose');
  }
  offOpen(listener?: Listener<OnSocketOpenResult>): void;
  offOpen(listener?: Listener<OnSocketOpenResultWithProfile>): void;
  offOpen(listener?: Listener<OnSocketOpenResult> | Listener<OnSocketOpenResultWithProfile>): void {
    this.#core.opens.remove(listener as Listener<OnSocketOpenResult> | undefined);
  }
  offMessage<T = string | ArrayBuffer>(listener?: Listener<OnSocketMessageResult<T>>): void {
    this.#core.messages.remove(listener as Listener<OnSocketMessageResult> | undefined);
  }
  offError(listener?: Listener<OnSocketErrorResult>): void {
    this.#core.errors.remove(listener);
  }
  offClose(listener?: Listener<OnSocketCloseResult>): void {
    this.#core.closes.remove(listener);
  }

  /** `SocketTask { socketTaskId: 1, readyState: 1 (OPEN), url: 'ws://...' }` */
  [inspectSymbol](): string {
    const core = this.#core;
    const url = core.url === undefined ? 'undefined' : `'${core.url}'`;
    return `SocketTask { socketTaskId: ${core.id}, readyState: ${core.readyState} (${STATE_NAMES[core.readyState]}), url: ${url} }`;
  }
}

/** A listener that is not a function is refused with a warning: no exception from an on* call. */
export function listen<T>(core: { warn(message: string): void }, set: Listeners<T>, listener: Listener<T>, name: string): void {
  if (typeof listener === 'function') set.add(listener);
  else core.warn(`SocketTask.${name} ignored a listener that is not a function`);
}

/** The core behind a public task (for the layers that use its port: the reconnect layer, the CLI); undefined for anything else. */
export function portOf(task: unknown): TaskPort | undefined {
  return typeof task === 'object' && task !== null && isShell(task) ? coreOf(task) : undefined;
}

// The constants live on the prototype (as WHATWG WebSocket's do) so each task carries none,
// and on the class too: TaskShell.OPEN.
for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(TaskShell.prototype, name, { value, enumerable: true });
  Object.defineProperty(TaskShell, name, { value, enumerable: true });
}
