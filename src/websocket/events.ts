/**
 * The event classes the facade dispatches: the runtime's own where it has them (browsers,
 * Node), a minimal spec-shaped set where it does not (mini-program runtimes have no
 * EventTarget or Event). Resolved when createWebSocketClass runs, never at import.
 *
 * The minimal EventTarget does what a WebSocket needs from DOM's "dispatch": listeners in
 * registration order, `once`, `signal`, handleEvent objects, stopImmediatePropagation,
 * a throwing listener reported without stopping the others. There is no tree, so no
 * capture or bubble phase: every listener runs at the target.
 */
import { globalScope } from '../global-scope.js';

type AnyListener = ((event: Event) => unknown) | { handleEvent(event: Event): unknown };

export interface EventClasses {
  EventTarget: typeof EventTarget;
  Event: typeof Event;
  MessageEvent: typeof MessageEvent;
  CloseEvent: typeof CloseEvent;
  ErrorEvent: typeof ErrorEvent;
}

const now = (): number => (typeof performance === 'object' && typeof performance?.now === 'function' ? performance.now() : Date.now());

/** Rethrows outside the dispatch, as DOM "reports the exception": the other listeners still run. */
const report = (error: unknown): void => {
  setTimeout(() => {
    throw error;
  }, 0);
};

let setDispatchState: (event: MiniEvent, target: EventTarget | null, phase: number) => void;
let stoppedImmediately: (event: MiniEvent) => boolean;

type MiniEvent = InstanceType<typeof MiniEvent>;

// A pure expression, so that a bundle that never uses the facade drops it: a class with static
// members (and, lowered to ES2018, private fields) is otherwise a statement with effects.
const MiniEvent = /* @__PURE__ */ (() =>
  class MiniEvent {
    static readonly NONE = 0;
    static readonly CAPTURING_PHASE = 1;
    static readonly AT_TARGET = 2;
    static readonly BUBBLING_PHASE = 3;
    readonly NONE = 0;
    readonly CAPTURING_PHASE = 1;
    readonly AT_TARGET = 2;
    readonly BUBBLING_PHASE = 3;
    readonly #type: string;
    readonly #bubbles: boolean;
    readonly #cancelable: boolean;
    readonly #composed: boolean;
    readonly #timeStamp = now();
    #target: EventTarget | null = null;
    #phase = 0;
    #canceled = false;
    #stop = false;
    #stopImmediate = false;

    static {
      setDispatchState = (event, target, phase) => {
        event.#target = target;
        event.#phase = phase;
      };
      stoppedImmediately = (event) => event.#stopImmediate;
    }

    constructor(type: string, init?: EventInit) {
      // biome-ignore lint/complexity/noArguments: WebIDL's arity check counts the arguments given, not their values
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.#type = String(type);
      this.#bubbles = Boolean(init?.bubbles);
      this.#cancelable = Boolean(init?.cancelable);
      this.#composed = Boolean(init?.composed);
    }
    get type(): string {
      return this.#type;
    }
    get target(): EventTarget | null {
      return this.#target;
    }
    get srcElement(): EventTarget | null {
      return this.#target;
    }
    get currentTarget(): EventTarget | null {
      return this.#phase === 0 ? null : this.#target;
    }
    get eventPhase(): number {
      return this.#phase;
    }
    get bubbles(): boolean {
      return this.#bubbles;
    }
    get cancelable(): boolean {
      return this.#cancelable;
    }
    get composed(): boolean {
      return this.#composed;
    }
    get defaultPrevented(): boolean {
      return this.#canceled;
    }
    get returnValue(): boolean {
      return !this.#canceled;
    }
    get cancelBubble(): boolean {
      return this.#stop;
    }
    get isTrusted(): boolean {
      return false;
    }
    get timeStamp(): number {
      return this.#timeStamp;
    }
    composedPath(): EventTarget[] {
      return this.#phase === 0 || this.#target === null ? [] : [this.#target];
    }
    preventDefault(): void {
      if (this.#cancelable) this.#canceled = true;
    }
    stopPropagation(): void {
      this.#stop = true;
    }
    stopImmediatePropagation(): void {
      this.#stop = true;
      this.#stopImmediate = true;
    }
    get [Symbol.toStringTag](): string {
      return 'Event';
    }
  })();

interface Entry {
  callback: AnyListener;
  capture: boolean;
  once: boolean;
  removed: boolean;
}

class MiniEventTarget {
  readonly #listeners = new Map<string, Entry[]>();

  addEventListener(type: string, callback: AnyListener | null, options?: boolean | AddEventListenerOptions): void {
    if (callback === null || callback === undefined) return;
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const once = typeof options === 'object' && options !== null && Boolean(options.once);
    const signal = typeof options === 'object' && options !== null ? options.signal : undefined;
    if (signal?.aborted) return;
    const key = String(type);
    const list = this.#listeners.get(key) ?? [];
    if (list.some((entry) => entry.callback === callback && entry.capture === capture)) return;
    // Copy on write: a dispatch in progress keeps iterating the array it started with.
    this.#listeners.set(key, [...list, { callback, capture, once, removed: false }]);
    signal?.addEventListener('abort', () => this.removeEventListener(key, callback, { capture }), { once: true });
  }

  removeEventListener(type: string, callback: AnyListener | null, options?: boolean | EventListenerOptions): void {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const key = String(type);
    const list = this.#listeners.get(key);
    const entry = list?.find((e) => e.callback === callback && e.capture === capture);
    if (list === undefined || entry === undefined) return;
    entry.removed = true;
    const rest = list.filter((e) => e !== entry);
    if (rest.length === 0) this.#listeners.delete(key);
    else this.#listeners.set(key, rest);
  }

  dispatchEvent(event: Event): boolean {
    if (!(event instanceof MiniEvent)) throw new TypeError("Failed to execute 'dispatchEvent': parameter 1 is not of type 'Event'.");
    if (event.eventPhase !== 0) throw new Error('InvalidStateError: the event is already being dispatched');
    const target = this as unknown as EventTarget;
    setDispatchState(event, target, 2);
    for (const entry of this.#listeners.get(event.type) ?? []) {
      if (entry.removed) continue;
      if (entry.once) this.removeEventListener(event.type, entry.callback, { capture: entry.capture });
      try {
        if (typeof entry.callback === 'function') entry.callback.call(target, event as Event);
        else entry.callback.handleEvent(event as Event);
      } catch (error) {
        report(error);
      }
      if (stoppedImmediately(event)) break;
    }
    setDispatchState(event, target, 0);
    return !event.defaultPrevented;
  }

  get [Symbol.toStringTag](): string {
    return 'EventTarget';
  }
}

/** MessageEvent, CloseEvent and ErrorEvent over whichever Event class is in use. */
function subclasses(Base: typeof Event) {
  class MessageEventShape extends Base {
    readonly #data: unknown;
    readonly #origin: string;
    readonly #lastEventId: string;
    constructor(type: string, init?: MessageEventInit) {
      super(type, init);
      this.#data = init?.data ?? null;
      this.#origin = init?.origin === undefined ? '' : String(init.origin);
      this.#lastEventId = init?.lastEventId === undefined ? '' : String(init.lastEventId);
    }
    get data(): unknown {
      return this.#data;
    }
    get origin(): string {
      return this.#origin;
    }
    get lastEventId(): string {
      return this.#lastEventId;
    }
    get source(): null {
      return null;
    }
    get ports(): readonly MessagePort[] {
      return [];
    }
    get [Symbol.toStringTag](): string {
      return 'MessageEvent';
    }
  }
  class CloseEventShape extends Base {
    readonly #wasClean: boolean;
    readonly #code: number;
    readonly #reason: string;
    constructor(type: string, init?: CloseEventInit) {
      super(type, init);
      this.#wasClean = Boolean(init?.wasClean);
      this.#code = init?.code === undefined ? 0 : Number(init.code) & 0xffff;
      this.#reason = init?.reason === undefined ? '' : String(init.reason);
    }
    get wasClean(): boolean {
      return this.#wasClean;
    }
    get code(): number {
      return this.#code;
    }
    get reason(): string {
      return this.#reason;
    }
    get [Symbol.toStringTag](): string {
      return 'CloseEvent';
    }
  }
  class ErrorEventShape extends Base {
    readonly #message: string;
    readonly #error: unknown;
    constructor(type: string, init?: ErrorEventInit) {
      super(type, init);
      this.#message = init?.message === undefined ? '' : String(init.message);
      this.#error = init?.error;
    }
    get message(): string {
      return this.#message;
    }
    get filename(): string {
      return '';
    }
    get lineno(): number {
      return 0;
    }
    get colno(): number {
      return 0;
    }
    get error(): unknown {
      return this.#error;
    }
    get [Symbol.toStringTag](): string {
      return 'ErrorEvent';
    }
  }
  return { MessageEventShape, CloseEventShape, ErrorEventShape };
}

const defineName = <T extends object>(value: T, name: string): T => Object.defineProperty(value, 'name', { value: name });

/**
 * The runtime's classes where it has EventTarget and Event (both, so they work together),
 * each of MessageEvent/CloseEvent/ErrorEvent the runtime lacks made over its Event; the
 * minimal set otherwise.
 */
export function eventClasses(): EventClasses {
  const g = globalScope() as Partial<EventClasses>;
  const native = typeof g.EventTarget === 'function' && typeof g.Event === 'function';
  const Base = native ? g.Event! : (MiniEvent as unknown as typeof Event);
  const made = subclasses(Base);
  return {
    EventTarget: native ? g.EventTarget! : defineName(MiniEventTarget as unknown as typeof EventTarget, 'EventTarget'),
    Event: native ? g.Event! : defineName(Base, 'Event'),
    MessageEvent:
      native && typeof g.MessageEvent === 'function'
        ? g.MessageEvent
        : defineName(made.MessageEventShape as unknown as typeof MessageEvent, 'MessageEvent'),
    CloseEvent:
      native && typeof g.CloseEvent === 'function'
        ? g.CloseEvent
        : defineName(made.CloseEventShape as unknown as typeof CloseEvent, 'CloseEvent'),
    ErrorEvent:
      native && typeof g.ErrorEvent === 'function'
        ? g.ErrorEvent
        : defineName(made.ErrorEventShape as unknown as typeof ErrorEvent, 'ErrorEvent')
  };
}
