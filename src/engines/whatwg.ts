/**
 * The engine over any WHATWG `WebSocket` constructor: a browser's, Deno's, Bun's, React
 * Native's, undici's, or one passed in config. It imports nothing from Node.
 *
 * A WHATWG WebSocket says much less than `ws` does, and this adapter reports only what it
 * can know:
 * - a failed handshake is `error` then `close 1006` with no reason (refused, DNS, TLS, an
 *   HTTP status, a subprotocol mismatch all look the same), so it becomes HANDSHAKE_FAILED
 *   with one stable detail;
 * - a connection the browser fails after it opened (bad frame, bad UTF-8) is `error` then
 *   `close 1006`, so it becomes PROTOCOL_ERROR, then close 1006;
 * - `send`'s callback cannot see the operating system: it runs once `bufferedAmount` has
 *   drained past the message's last byte, that is once the browser has taken the bytes off
 *   the page's queue and passed them to its network stack (see `Drain`).
 */
import { ErrCode, type ErrCodeValue } from '../errors.js';
import { utf8Length } from '../utf8.js';
import {
  CLOSE_TIMEOUT,
  notWritten,
  type DialRequest,
  type Engine,
  type EngineSink,
  type EngineSocket,
  type SendCallback
} from './engine.js';

/** The part of a WHATWG WebSocket this engine uses (kept structural so any implementation fits). */
export interface WhatwgSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly protocol: string;
  readonly readyState: number;
  send(data: string | ArrayBuffer | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
}

export type WhatwgConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** The detail every browser handshake failure gets: the browser tells the page nothing more. */
export const HANDSHAKE_DETAIL = 'the connection could not be established (a browser does not say why)';
const PROTOCOL_DETAIL = 'the connection was failed by the WebSocket implementation (it does not say why)';

const toTag = Object.prototype.toString;
const isArrayBuffer = (value: unknown): value is ArrayBuffer =>
  value instanceof ArrayBuffer || (typeof value === 'object' && value !== null && toTag.call(value) === '[object ArrayBuffer]');
const isBlob = (value: unknown): value is Blob =>
  typeof value === 'object' && value !== null && typeof (value as Blob).arrayBuffer === 'function';

/**
 * Send callbacks from `bufferedAmount`: messages leave the queue in order, so message N is
 * out once (bytes queued so far - bufferedAmount) reaches the sum of sizes up to N. One
 * timer polls for all waiting callbacks, backing off from 0 to 64 ms while nothing moves.
 */
class Drain {
  /** Bytes ever queued by `send`, as the implementation counts them in `bufferedAmount`. */
  private queued = 0;
  private readonly waiting: Array<{ end: number; callback: SendCallback }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoff = 0;

  constructor(private readonly ws: WhatwgSocketLike) {}

  /** Sends and notes the message's end offset; the size is what `bufferedAmount` grew by. */
  send(data: string | ArrayBuffer | ArrayBufferView, callback: SendCallback | undefined): void {
    // A closing implementation (undici) returns from send without writing or counting: that
    // message would look written at the next poll. It was not.
    if (this.ws.readyState !== 1) {
      if (callback !== undefined) setTimeout(() => callback(notWritten()), 0);
      return;
    }
    const before = this.buffered();
    try {
      this.ws.send(data);
    } catch (error) {
      // An implementation may throw (InvalidStateError): that send's outcome, never an exception out of SocketTask.send.
      if (callback !== undefined) setTimeout(() => callback(error instanceof Error ? error : new Error(String(error))), 0);
      return;
    }
    // bufferedAmount grows synchronously in send (WHATWG); an implementation that does not keep it reads 0.
    const grew = this.buffered() - before;
    this.queued += Math.max(grew, 0);
    if (callback === undefined) return;
    this.waiting.push({ end: this.queued, callback });
    if (this.timer === undefined) this.schedule(0);
  }

  buffered(): number {
    const amount = this.ws.bufferedAmount;
    return typeof amount === 'number' && amount > 0 ? amount : 0;
  }

  /** Runs the callbacks of every message that has left the queue; true when some did. */
  flush(closedCleanly = false): boolean {
    // Once the connection is closing, a falling bufferedAmount may mean writes that failed
    // (undici empties it then): only an open socket, or a clean close, confirms anything.
    if (this.ws.readyState !== 1 && !closedCleanly) return false;
    const written = this.queued - this.buffered();
    let done = 0;
    while (done < this.waiting.length && this.waiting[done]!.end <= written) done++;
    if (done === 0) return false;
    for (const { callback } of this.waiting.splice(0, done)) callback(null);
    return true;
  }

  /** flush() when a callback waits; true when some ran. */
  flushIfWaiting(): boolean {
    return this.waiting.length > 0 && this.flush();
  }

  /** The connection is gone: callbacks not yet run are left to the task, which fails them. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.length = 0;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.backoff = this.flush() ? 0 : Math.min(64, this.backoff * 2 || 1);
      if (this.waiting.length > 0) this.schedule(this.backoff);
    }, delay);
  }
}

class WhatwgSocket implements EngineSocket {
  private live = true;
  private opened = false;
  private failed = false;
  /** Deliveries waiting on a Blob read or a yield to the event loop: later events queue behind them. */
  private chain: Promise<void> | undefined;
  private readonly drain: Drain;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** close() was called: a clean close then answers our close frame. */
  private closeSent = false;

  constructor(
    private readonly ws: WhatwgSocketLike,
    private readonly sink: EngineSink,
    private readonly request: DialRequest
  ) {
    this.drain = new Drain(ws);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => this.handleOpen();
    ws.onmessage = (event) => {
      // A reply may outrun the poll. Confirm the sends that have left first, and let their
      // callbacks' continuations (an awaited sendSocketMessage) run before the reply is delivered.
      if (this.live && this.drain.flushIfWaiting()) this.inOrder(nextTask);
      this.inOrder(() => this.handleMessage(event.data));
    };
    ws.onerror = (event) => this.inOrder(() => this.handleError(event));
    ws.onclose = (event) =>
      this.inOrder(() => this.handleClose(closeCode(event.code, event.wasClean === true), event.reason, event.wasClean === true));
  }

  get bufferedAmount(): number {
    return this.drain.buffered();
  }

  send(data: string | ArrayBuffer | ArrayBufferView, callback?: SendCallback): void {
    this.drain.send(data, callback);
  }

  close(code: number, reason: string): void {
    this.closeSent = true;
    this.ws.close(code, reason);
    // Some implementations (undici) wait for the peer's close frame for ever: give up as ws
    // does, and report the connection as dropped.
    this.closeTimer = setTimeout(() => {
      if (!this.live) return;
      this.abort();
      this.sink.close(1006, '');
    }, CLOSE_TIMEOUT);
  }

  /** A page cannot drop a TCP connection: this closes (no code) and stops listening. */
  abort(): void {
    this.detach();
    try {
      this.ws.close();
    } catch {
      // Closing an already closed socket is harmless; nothing listens any more.
    }
  }

  private detach(): void {
    this.live = false;
    clearTimeout(this.closeTimer);
    this.drain.stop();
    this.ws.onopen = this.ws.onmessage = this.ws.onerror = this.ws.onclose = null;
  }

  /** Delivers at once unless an earlier delivery is still pending; one that returns a Promise holds the rest back. */
  private inOrder(deliver: () => void | Promise<void>): void {
    const pending = this.chain === undefined ? deliver() : this.chain.then(deliver);
    if (pending === undefined) return;
    // The sink never throws (the task guards its listeners); the catch only keeps the chain alive.
    const chain = pending.catch(() => undefined);
    this.chain = chain;
    void chain.then(() => {
      if (this.chain === chain) this.chain = undefined;
    });
  }

  private handleOpen(): void {
    if (!this.live) return;
    const offered = this.request.protocols;
    // Browsers fail a handshake whose subprotocol was not offered; an implementation that does not is held to it here.
    if (offered.length > 0 && !offered.includes(this.ws.protocol)) {
      const chosen = this.ws.protocol === '' ? 'the server chose none' : 'the server chose one that was not offered';
      this.fail(ErrCode.NO_AGREED_PROTOCOL, chosen, 1006);
      return;
    }
    this.opened = true;
    this.sink.open({}, undefined);
  }

  private handleMessage(data: unknown): void | Promise<void> {
    if (!this.live) return;
    if (typeof data === 'string') {
      if (data.length > this.request.maxPayload / 3 && utf8Length(data) > this.request.maxPayload) return this.tooBig();
      this.sink.message(data);
    } else if (isArrayBuffer(data)) {
      if (data.byteLength > this.request.maxPayload) return this.tooBig();
      this.sink.message(data);
    } else if (ArrayBuffer.isView(data)) {
      // Never a view on a larger buffer: copy exactly the message's bytes.
      if (data.byteLength > this.request.maxPayload) return this.tooBig();
      this.sink.message(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    } else if (isBlob(data)) {
      return data.arrayBuffer().then(
        (buffer) => void this.handleMessage(buffer),
        (cause: unknown) => void (this.live && this.fail(ErrCode.SYSTEM_ERROR, 'could not read a binary message', 1006, cause))
      );
    } else {
      // Never drop a message silently: an implementation that hands over something else ends the connection loudly.
      this.fail(ErrCode.SYSTEM_ERROR, `unexpected message data ${toTag.call(data)}`, 1006);
    }
  }

  private handleError(event: unknown): void {
    if (!this.live || this.failed) return;
    this.failed = true;
    // The event's own text (where an implementation gives one) may be localized: it goes to `cause` only.
    if (this.opened) this.sink.error({ code: ErrCode.PROTOCOL_ERROR, detail: PROTOCOL_DETAIL, cause: event });
    else this.sink.error({ code: ErrCode.HANDSHAKE_FAILED, detail: HANDSHAKE_DETAIL, cause: event });
  }

  private handleClose(code: number, reason: string, wasClean: boolean): void {
    if (!this.live) return;
    clearTimeout(this.closeTimer);
    // Only a clean close that we started proves delivery: the peer answered our close frame,
    // so it read every message sent before it. When the peer closed first, or not cleanly,
    // the count cannot be trusted (undici empties bufferedAmount when its writes fail, and
    // calls such a close clean), so what the last poll did not confirm is left to fail.
    if (wasClean && this.closeSent && code !== 1006) this.drain.flush(true);
    this.detach();
    this.sink.close(code, reason);
  }

  /** Config maxPayload: a page cannot refuse a message before it arrives, only drop it and end the connection. */
  private tooBig(): void {
    this.fail(ErrCode.MESSAGE_TOO_BIG, String(this.request.maxPayload), 1009);
  }

  /** Ends the connection on our side: error, then close with `closeCode`, then nothing more. */
  private fail(code: ErrCodeValue, detail: string, closeCode: number, cause?: unknown): void {
    this.abort();
    this.sink.error({ code, detail, cause });
    this.sink.close(closeCode, '');
  }
}

/**
 * A close that was not clean and carries no close frame's code (outside 1000-4999) is 1006,
 * as RFC 6455 section 7.1.5 says: Deno reports such a close (refused, an HTTP status, a
 * dropped connection) as code 0 with wasClean false.
 */
const closeCode = (code: number, wasClean: boolean): number => (!wasClean && !(code >= 1000 && code <= 4999) ? 1006 : code);

/** A macrotask's pause: lets promise continuations of the callbacks just run settle first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * An Engine over a WHATWG WebSocket constructor; `resolve` is asked at each connect, so an
 * entry point can be imported where no `WebSocket` exists yet (server-side rendering).
 */
export function whatwgEngine(resolve: () => WhatwgConstructor | undefined): Engine {
  return {
    name: 'WebSocket',
    capabilities: { requestHeaders: false, responseHeaders: false, timing: false, tcpOptions: false, tls: false, ping: false },
    connect(request: DialRequest, sink: EngineSink): EngineSocket {
      const WebSocketCtor = resolve();
      if (typeof WebSocketCtor !== 'function') {
        throw new TypeError('no WebSocket constructor: pass one as config.WebSocket');
      }
      const ws = new WebSocketCtor(request.url, request.protocols.length > 0 ? request.protocols : undefined) as WhatwgSocketLike;
      return new WhatwgSocket(ws, sink, request);
    }
  };
}
