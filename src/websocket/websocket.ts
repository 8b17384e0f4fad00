/**
 * createWebSocketClass(api): the WHATWG WebSocket interface over any minisocket API object
 * (https://websockets.spec.whatwg.org/#the-websocket-interface), for libraries that expect
 * a browser WebSocket (socket.io-client, MQTT.js, graphql-ws, STOMP, ...).
 *
 * Each instance is one `connectSocket` task; it uses the public SocketTask surface
 * (onOpen/onMessage/onError/onClose, send with success, close with code and reason), except
 * that sends to one of minisocket's own tasks go through its core's port (outbox.ts) with
 * the values SocketTask.send would read. A library's reconnect makes a new instance, as
 * with any WebSocket: nothing is shared between instances but the API object, whose
 * connection limit frees a slot before the old task's onClose runs.
 */
import type {
  ConnectSocketOptions,
  OnSocketCloseResult,
  OnSocketErrorResult,
  OnSocketMessageResult,
  OnSocketOpenResult,
  SocketTask
} from '../types.js';
import { describe, ErrCode, socketError } from '../errors.js';
import { domException } from './dom-exception.js';
import { eventClasses } from './events.js';
import { lightMessageEvent } from './message-event.js';
import { Outbox } from './outbox.js';
import { byteCount, checkClose, parseProtocols, parseUrl, toSendable } from './validate.js';

/** What createWebSocketClass needs of an API object: its connectSocket (any profile's; Taro's Promise too). */
export interface SocketApiLike {
  connectSocket(options: ConnectSocketOptions & { multiple?: boolean }): SocketTask | PromiseLike<unknown> | undefined;
}

/**
 * The instance type: the runtime's own `WebSocket` where the project's lib declares one
 * (DOM), else the members every WHATWG WebSocket has. Read through `typeof globalThis`, so
 * the declarations compile with `lib: ["ES2022"]` alone (a WeChat project: no DOM).
 */
export type WebSocketInstance = typeof globalThis extends { WebSocket: { prototype: infer W } } ? W : WebSocketShape;
/** A URL object where the lib declares `URL`; a string is always accepted. */
export type UrlInput = typeof globalThis extends { URL: { prototype: infer U } } ? string | U : string;

/** The WHATWG WebSocket members, for projects whose lib has no DOM. */
export interface WebSocketShape {
  readonly url: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  readonly protocol: string;
  readonly extensions: string;
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string; readonly wasClean: boolean }) => void) | null;
  send(data: string | ArrayBuffer | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: never) => void, options?: boolean | { once?: boolean }): void;
  removeEventListener(type: string, listener: (event: never) => void, options?: boolean | { capture?: boolean }): void;
  dispatchEvent(event: unknown): boolean;
}

/** The class createWebSocketClass returns: WHATWG's WebSocket constructor and constants. */
export interface WebSocketClass {
  new (url: UrlInput, protocols?: string | string[]): WebSocketInstance;
  readonly prototype: WebSocketInstance;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type HandlerName = 'open' | 'message' | 'error' | 'close';
type Handler = ((this: WebSocket, event: Event) => unknown) | null;

const isTask = (value: unknown): value is SocketTask =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SocketTask).onOpen === 'function' &&
  typeof (value as SocketTask).send === 'function';

export function createWebSocketClass(api: SocketApiLike): WebSocketClass {
  if (typeof api !== 'object' || api === null || typeof api.connectSocket !== 'function') {
    throw new TypeError('minisocket: createWebSocketClass needs an API object with connectSocket (createSocketApi() returns one)');
  }
  const { EventTarget: Base, Event, MessageEvent, CloseEvent, ErrorEvent } = eventClasses();
  const canBlob = typeof Blob === 'function';
  const LightMessageEvent = lightMessageEvent(MessageEvent);
  /** Rethrown outside the call, as DOM "reports the exception" of a listener. */
  const report = (error: unknown): void => {
    setTimeout(() => {
      throw error;
    }, 0);
  };

  class WebSocket extends Base {
    readonly #url: string;
    readonly #origin: string;
    #protocol = '';
    #extensions = '';
    #state: number = CONNECTING;
    #binaryType: BinaryType = canBlob ? 'blob' : 'arraybuffer';
    #task: SocketTask | undefined;
    #outbox: Outbox | undefined;
    /** The error the task reported; dispatched right before the close event, as WHATWG orders them. */
    #failure: OnSocketErrorResult | undefined;
    /** close() while CONNECTING: WHATWG "fails the connection" (error, then close 1006). */
    #abandoned = false;
    #done = false;
    /**
     * Whether a 'message' listener other than onmessage was ever added: until one is, a
     * received message goes straight to onmessage (the only listener), without the
     * runtime's dispatch. Never reset: a removed listener leaves the general path on.
     */
    #messageListeners = false;
    readonly #handlers: Record<HandlerName, { value: Handler; listener: ((event: Event) => void) | undefined }> = {
      open: { value: null, listener: undefined },
      message: { value: null, listener: undefined },
      error: { value: null, listener: undefined },
      close: { value: null, listener: undefined }
    };

    constructor(url: string | URL, protocols?: string | string[]) {
      super();
      // biome-ignore lint/complexity/noArguments: WebIDL's arity check counts the arguments given, not their values
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      const parsed = parseUrl(url);
      const list = parseProtocols(protocols);
      this.#url = parsed.href;
      this.#origin = parsed.origin;
      let result: ReturnType<SocketApiLike['connectSocket']>;
      let thrown: unknown;
      try {
        // `multiple: true` is Alipay's way to ask for a task of its own; the other profiles ignore it.
        result = api.connectSocket({ url: parsed.href, protocols: list, tcpNoDelay: true, multiple: true });
      } catch (error) {
        thrown = error;
      }
      if (isTask(result)) this.#attach(result);
      else if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        (result as PromiseLike<unknown>).then(
          (task) => (isTask(task) ? this.#attach(task) : this.#refused(task as OnSocketErrorResult)),
          (error: unknown) => this.#refused(error as OnSocketErrorResult)
        );
      } else {
        // Not a minisocket API object's behaviour (connectSocket returns a task and never throws); reported, not thrown.
        const detail = thrown === undefined ? 'connectSocket returned no SocketTask' : describe(thrown);
        queueMicrotask(() => this.#refused(socketError('connectSocket', ErrCode.SYSTEM_ERROR, detail, thrown)));
      }
    }

    #attach(task: SocketTask): void {
      this.#task = task;
      this.#outbox = new Outbox(task);
      task.onOpen((result) => this.#opened(result));
      task.onMessage((result) => this.#received(result));
      task.onError((result) => (task.readyState === CLOSED && !this.#failure ? this.#refused(result) : this.#errored(result)));
      task.onClose((result) => this.#closed(result));
      // Closed while Taro's Promise was pending: end the task now.
      if (this.#abandoned) task.close({});
    }

    // ---- what the task reports --------------------------------------------------------

    #opened({ header }: OnSocketOpenResult): void {
      if (this.#state !== CONNECTING) return;
      // The negotiated values, where the engine reports response headers (Node, and the platforms that pass them on).
      this.#protocol = header?.['sec-websocket-protocol'] ?? '';
      this.#extensions = header?.['sec-websocket-extensions'] ?? '';
      this.#state = OPEN;
      this.dispatchEvent(new Event('open'));
    }

    #received({ data }: OnSocketMessageResult): void {
      if (this.#state !== OPEN) return;
      const value = typeof data !== 'string' && this.#binaryType === 'blob' ? new Blob([data]) : data;
      if (this.#messageListeners) {
        this.dispatchEvent(new MessageEvent('message', { data: value, origin: this.#origin }));
        return;
      }
      // onmessage alone (or nothing): what dispatch would do with a single listener, at a fraction of its cost.
      const handler = this.#handlers.message.value;
      if (handler === null) return;
      const event = new LightMessageEvent(this as unknown as EventTarget, value, this.#origin);
      try {
        handler.call(this as unknown as globalThis.WebSocket, event);
      } catch (error) {
        report(error);
      }
      (event as { currentTarget: EventTarget | null }).currentTarget = null;
      (event as { eventPhase: number }).eventPhase = 0;
    }

    /** A failure of a dialled task: its onClose follows; WHATWG fires error just before close. */
    #errored(error: OnSocketErrorResult): void {
      if (this.#done) return;
      this.#failure ??= error;
      if (this.#state < CLOSING) this.#state = CLOSING;
    }

    /** A call refused before dialling (connection limit, domain rule, ...): no onClose will come. */
    #refused(error: OnSocketErrorResult | undefined): void {
      if (this.#done) return;
      this.#failure ??= error ?? socketError('connectSocket', ErrCode.SYSTEM_ERROR, 'connectSocket was refused');
      this.#closed({ code: 1006, reason: '' });
    }

    #closed({ code, reason }: OnSocketCloseResult): void {
      if (this.#done) return;
      this.#done = true;
      this.#state = CLOSED;
      const failure = this.#failure;
      const failed = failure !== undefined || this.#abandoned;
      if (failed) {
        const message = failure?.errMsg ?? 'WebSocket was closed before the connection was established';
        this.dispatchEvent(new ErrorEvent('error', { message, error: failure }));
      }
      // A failed connection closes with 1006 and no reason, as WHATWG reports it (no close frame was
      // received), even where the task reports the code it sent because of the failure (1002, 1009).
      this.dispatchEvent(
        new CloseEvent('close', { wasClean: !failed && code !== 1006, code: failed ? 1006 : code, reason: failed ? '' : reason })
      );
    }

    // ---- WHATWG members ---------------------------------------------------------------

    get url(): string {
      return this.#url;
    }
    get readyState(): number {
      return this.#state;
    }
    get bufferedAmount(): number {
      return this.#outbox?.bufferedAmount ?? 0;
    }
    get extensions(): string {
      return this.#extensions;
    }
    get protocol(): string {
      return this.#protocol;
    }
    get binaryType(): BinaryType {
      return this.#binaryType;
    }
    /** WebIDL enum: an unknown value is ignored; so is 'blob' where the runtime has no Blob. */
    set binaryType(value: BinaryType) {
      if (value === 'arraybuffer' || (value === 'blob' && canBlob)) this.#binaryType = value;
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      // biome-ignore lint/complexity/noArguments: WebIDL's arity check counts the arguments given, not their values
      if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
      const value = toSendable(data);
      if (this.#state === CONNECTING)
        throw domException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      const bytes = byteCount(value);
      if (this.#state === OPEN) this.#outbox!.send(value, bytes);
      else this.#outbox?.count(bytes);
    }

    close(code?: number, reason?: string): void {
      const checked = checkClose(code, reason);
      if (this.#state === CLOSING || this.#state === CLOSED) return;
      if (this.#state === CONNECTING) {
        this.#abandoned = true;
        this.#state = CLOSING;
        this.#task?.close({});
        return;
      }
      this.#state = CLOSING;
      this.#outbox!.flush();
      // A close frame always carries a code here: the SocketTask API has no code-less close, so no code means 1000.
      this.#task!.close({ code: checked.code ?? 1000, reason: checked.reason });
    }

    override addEventListener(
      type: string,
      callback: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions
    ): void {
      if (String(type) === 'message' && callback !== null && callback !== undefined && callback !== this.#handlers.message.listener) {
        this.#messageListeners = true;
      }
      super.addEventListener(type, callback, options);
    }

    #setHandler(type: HandlerName, value: unknown): void {
      const slot = this.#handlers[type];
      slot.value = typeof value === 'function' ? (value as Handler) : null;
      if (slot.value === null) {
        if (slot.listener) this.removeEventListener(type, slot.listener);
        slot.listener = undefined;
      } else if (slot.listener === undefined) {
        // Registered once, where it was first set; a later assignment keeps the position (HTML's event handler rule).
        slot.listener = (event) => void slot.value?.call(this as unknown as globalThis.WebSocket, event);
        this.addEventListener(type, slot.listener);
      }
    }

    get onopen(): Handler {
      return this.#handlers.open.value;
    }
    set onopen(value: Handler) {
      this.#setHandler('open', value);
    }
    get onmessage(): Handler {
      return this.#handlers.message.value;
    }
    set onmessage(value: Handler) {
      this.#setHandler('message', value);
    }
    get onerror(): Handler {
      return this.#handlers.error.value;
    }
    set onerror(value: Handler) {
      this.#setHandler('error', value);
    }
    get onclose(): Handler {
      return this.#handlers.close.value;
    }
    set onclose(value: Handler) {
      this.#setHandler('close', value);
    }

    get [Symbol.toStringTag](): string {
      return 'WebSocket';
    }
  }

  const constants = {
    CONNECTING: { value: CONNECTING, enumerable: true },
    OPEN: { value: OPEN, enumerable: true },
    CLOSING: { value: CLOSING, enumerable: true },
    CLOSED: { value: CLOSED, enumerable: true }
  };
  Object.defineProperties(WebSocket, constants);
  Object.defineProperties(WebSocket.prototype, constants);
  return WebSocket as unknown as WebSocketClass;
}
