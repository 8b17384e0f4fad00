/**
 * The listener surface every SocketTask shares (the plain one and the reconnecting one):
 * onOpen/onMessage/onError/onClose, their off* twins, the readyState constants, and the
 * warning for a listener that throws.
 */
import { describe } from '../errors.js';
import {
  ReadyState,
  type Listener,
  type OnSocketCloseResult,
  type OnSocketErrorResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type OnSocketOpenResultWithProfile
} from '../types.js';
import { Listeners } from './listeners.js';

export abstract class TaskEvents {
  declare readonly CONNECTING: 0;
  declare readonly OPEN: 1;
  declare readonly CLOSING: 2;
  declare readonly CLOSED: 3;

  protected readonly opens = new Listeners<OnSocketOpenResult>();
  protected readonly messages = new Listeners<OnSocketMessageResult>();
  protected readonly errors = new Listeners<OnSocketErrorResult>();
  protected readonly closes = new Listeners<OnSocketCloseResult>();
  /** Where a throwing listener or callback is reported; the others still run. */
  protected readonly warnThrow: (error: unknown) => void;

  constructor(protected readonly warn: (message: string) => void) {
    this.warnThrow = (error) => warn(`a listener or callback threw: ${describe(error)}`);
  }

  onOpen(listener: Listener<OnSocketOpenResult>): void;
  onOpen(listener: Listener<OnSocketOpenResultWithProfile>): void;
  onOpen(listener: Listener<OnSocketOpenResult> | Listener<OnSocketOpenResultWithProfile>): void {
    this.addListener(this.opens, listener as Listener<OnSocketOpenResult>, 'onOpen');
  }
  onMessage<T = string | ArrayBuffer>(listener: Listener<OnSocketMessageResult<T>>): void {
    this.addListener(this.messages, listener as Listener<OnSocketMessageResult>, 'onMessage');
  }
  onError(listener: Listener<OnSocketErrorResult>): void {
    this.addListener(this.errors, listener, 'onError');
  }
  onClose(listener: Listener<OnSocketCloseResult>): void {
    this.addListener(this.closes, listener, 'onClose');
  }
  offOpen(listener?: Listener<OnSocketOpenResult>): void;
  offOpen(listener?: Listener<OnSocketOpenResultWithProfile>): void;
  offOpen(listener?: Listener<OnSocketOpenResult> | Listener<OnSocketOpenResultWithProfile>): void {
    this.opens.remove(listener as Listener<OnSocketOpenResult> | undefined);
  }
  offMessage<T = string | ArrayBuffer>(listener?: Listener<OnSocketMessageResult<T>>): void {
    this.messages.remove(listener as Listener<OnSocketMessageResult> | undefined);
  }
  offError(listener?: Listener<OnSocketErrorResult>): void {
    this.errors.remove(listener);
  }
  offClose(listener?: Listener<OnSocketCloseResult>): void {
    this.closes.remove(listener);
  }

  /** A listener that is not a function is refused with a warning: no exception from an on* call. */
  protected addListener<T>(set: Listeners<T>, listener: Listener<T>, name: string): void {
    if (typeof listener === 'function') set.add(listener);
    else this.warn(`SocketTask.${name} ignored a listener that is not a function`);
  }
}

// The constants live on the prototype (as WHATWG WebSocket's do) so each task carries none.
for (const [name, value] of Object.entries(ReadyState)) {
  Object.defineProperty(TaskEvents.prototype, name, { value, enumerable: true });
}
