/**
 * The facade's own MessageEvent for received messages delivered straight to `onmessage`.
 *
 * Building the runtime's MessageEvent and dispatching it through the runtime's EventTarget
 * costs more than the message on Node (its Event validates and tracks state in internal
 * slots); ws answers the same cost with a light event class of its own. When `onmessage` is
 * the only message listener, the facade calls it directly with one of these: a plain object
 * on a prototype chained to the runtime's MessageEvent, so `instanceof MessageEvent` and
 * `instanceof Event` still hold. Every member a listener reads is defined here (own fields or
 * this prototype), so none of the runtime's slot-checking getters is reached.
 *
 * Made once per message, so it stores only what differs per message (data, origin, target,
 * phase); the rest are getters. `timeStamp` is read from the clock when first asked for, not
 * at creation: a clock read per message was the largest single cost of the event on Node
 * (docs/websocket.md, Decisions).
 */
import { globalScope } from '../global-scope.js';

const kStopped = Symbol('stopped');
const kTimeStamp = Symbol('timeStamp');

export type LightMessageEventClass = new (target: EventTarget, data: unknown, origin: string) => MessageEvent;

/** The clock Event.timeStamp reads: the runtime's high-resolution one where it has it. */
function clockOf(): { now(): number } {
  const performance = (globalScope() as { performance?: { now?: unknown } }).performance;
  return typeof performance === 'object' && performance !== null && typeof performance.now === 'function'
    ? (performance as { now(): number })
    : Date;
}

export function lightMessageEvent(Runtime: typeof MessageEvent): LightMessageEventClass {
  const clock = clockOf();
  class LightMessageEvent {
    // Own data properties, assigned in the constructor only (field initializers would
    // define each one first, then the constructor would store it again). An assignment
    // would hit the runtime's getter-only accessors further up the chain; writable data
    // properties of the same names on this prototype (below) are found first instead.
    declare readonly data: unknown;
    declare readonly origin: string;
    declare readonly target: EventTarget;
    declare currentTarget: EventTarget | null;
    declare eventPhase: number;
    declare [kStopped]?: true;
    declare [kTimeStamp]?: number;

    constructor(target: EventTarget, data: unknown, origin: string) {
      this.data = data;
      this.origin = origin;
      this.target = target;
      this.currentTarget = target;
      this.eventPhase = 2;
    }
    get type(): string {
      return 'message';
    }
    get srcElement(): EventTarget {
      return this.target;
    }
    /** Taken on first read (during the listener: the delivery time), then fixed. */
    get timeStamp(): number {
      let time = this[kTimeStamp];
      if (time === undefined) time = this[kTimeStamp] = clock.now();
      return time;
    }
    get NONE(): 0 {
      return 0;
    }
    get CAPTURING_PHASE(): 1 {
      return 1;
    }
    get AT_TARGET(): 2 {
      return 2;
    }
    get BUBBLING_PHASE(): 3 {
      return 3;
    }
    get lastEventId(): string {
      return '';
    }
    get source(): null {
      return null;
    }
    get ports(): readonly MessagePort[] {
      return [];
    }
    get bubbles(): boolean {
      return false;
    }
    get cancelable(): boolean {
      return false;
    }
    get composed(): boolean {
      return false;
    }
    get defaultPrevented(): boolean {
      return false;
    }
    get returnValue(): boolean {
      return true;
    }
    get isTrusted(): boolean {
      return false;
    }
    /** DOM's legacy alias of the stop propagation flag: setting true sets it, false does nothing. */
    get cancelBubble(): boolean {
      return this[kStopped] === true;
    }
    set cancelBubble(value: boolean) {
      if (value) this[kStopped] = true;
    }
    composedPath(): EventTarget[] {
      return this.eventPhase === 0 ? [] : [this.target];
    }
    /** Not cancelable, as every WebSocket message event. */
    preventDefault(): void {}
    stopPropagation(): void {
      this[kStopped] = true;
    }
    /** The only listener is running: nothing is left to stop. */
    stopImmediatePropagation(): void {
      this[kStopped] = true;
    }
    initEvent(): void {}
    initMessageEvent(): void {}
    get [Symbol.toStringTag](): string {
      return 'MessageEvent';
    }
  }
  const writable = { value: null, writable: true, configurable: true };
  Object.defineProperties(LightMessageEvent.prototype, {
    data: writable,
    origin: writable,
    target: writable,
    currentTarget: writable,
    eventPhase: writable
  });
  Object.setPrototypeOf(LightMessageEvent.prototype, Runtime.prototype);
  return LightMessageEvent as unknown as LightMessageEventClass;
}
