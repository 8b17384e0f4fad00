/**
 * The facade's own MessageEvent for received messages delivered straight to `onmessage`.
 *
 * Building the runtime's MessageEvent and dispatching it through the runtime's EventTarget
 * costs more than the message on Node (its Event validates and tracks state in internal
 * slots); ws answers the same cost with a light event class of its own. When `onmessage` is
 * the only message listener, the facade calls it directly with one of these: a plain object
 * whose own fields hold what a MessageEvent at its target shows, on a prototype chained to
 * the runtime's MessageEvent so `instanceof MessageEvent` and `instanceof Event` still hold.
 * Every member a listener reads is defined here (own fields or this prototype), so none of
 * the runtime's slot-checking getters is reached.
 */

const now = (): number => (typeof performance === 'object' && typeof performance?.now === 'function' ? performance.now() : Date.now());

export type LightMessageEventClass = new (target: EventTarget, data: unknown, origin: string) => MessageEvent;

export function lightMessageEvent(Runtime: typeof MessageEvent): LightMessageEventClass {
  class LightMessageEvent {
    // Class fields are defined (not assigned), so they shadow the runtime's accessors.
    readonly type = 'message';
    readonly data: unknown;
    readonly origin: string;
    readonly target: EventTarget;
    currentTarget: EventTarget | null;
    readonly srcElement: EventTarget;
    readonly timeStamp = now();
    eventPhase = 2;
    cancelBubble = false;

    constructor(target: EventTarget, data: unknown, origin: string) {
      this.data = data;
      this.origin = origin;
      this.target = target;
      this.currentTarget = target;
      this.srcElement = target;
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
    composedPath(): EventTarget[] {
      return this.eventPhase === 0 ? [] : [this.target];
    }
    /** Not cancelable, as every WebSocket message event. */
    preventDefault(): void {}
    stopPropagation(): void {
      this.cancelBubble = true;
    }
    /** The only listener is running: nothing is left to stop. */
    stopImmediatePropagation(): void {
      this.cancelBubble = true;
    }
    initEvent(): void {}
    initMessageEvent(): void {}
    get [Symbol.toStringTag](): string {
      return 'MessageEvent';
    }
  }
  Object.setPrototypeOf(LightMessageEvent.prototype, Runtime.prototype);
  return LightMessageEvent as unknown as LightMessageEventClass;
}
