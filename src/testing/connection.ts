/**
 * One accepted connection, as `server.nextConnection()` hands it to a test: what the
 * client sent in its handshake, every message it sent (decoded, parsed in JSON mode),
 * bounded waits for the next message and for the close, and the server's side of the
 * conversation (send, close with a code, drop without a close frame).
 */
import type { Duplex } from 'node:stream';
import { clearTimeout, setTimeout } from 'node:timers';
import { WebSocket } from '../engines/ws-node.js';
import { rawCloseFrame } from './frames.js';
import type { CloseInfo, Handshake, TestConnection, WaitOptions } from './types.js';
import { checkTimeout, notify, previewList, waitForChange, type Changes } from './wait.js';

/** A message as received, and whether a `nextMessage` (of the server or the connection) has taken it. */
export interface Arrival<M> {
  value: M;
  taken: boolean;
}

/** What a connection shares with its server. */
export interface ConnectionHost<M> {
  readonly changes: Changes;
  readonly json: boolean;
  readonly timeout: number;
  /** Every connection's messages, in arrival order (server.nextMessage reads this). */
  readonly arrivals: Arrival<M>[];
}

/** Internals the server calls; symbols keep them off the object a test sees. */
export const kReady = Symbol('minisocket.testing.ready');
export const kClaim = Symbol('minisocket.testing.claim');

/** The pong that answers this ping comes from a client that has processed the 101 response and is open. */
const READY_PING = Buffer.from('minisocket/testing ready');

export function decode(data: Buffer, isBinary: boolean, json: boolean): unknown {
  if (isBinary) return data;
  const text = data.toString('utf8');
  if (!json) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Kept as text: a matcher's diff then shows exactly what the client sent.
    return text;
  }
}

const isBinaryData = (data: unknown): data is ArrayBuffer | ArrayBufferView =>
  ArrayBuffer.isView(data) || Object.prototype.toString.call(data) === '[object ArrayBuffer]';

export function encode(data: unknown, json: boolean): { payload: string | ArrayBuffer | ArrayBufferView; binary: boolean } {
  if (isBinaryData(data)) return { payload: data, binary: true };
  if (!json) {
    if (typeof data === 'string') return { payload: data, binary: false };
    throw new TypeError(
      `minisocket/testing: send needs a string, an ArrayBuffer or a typed array, got ${data === null ? 'null' : typeof data} (for objects, use createTestServer({ json: true }))`
    );
  }
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) throw new TypeError(`minisocket/testing: send cannot serialize ${typeof data} as JSON`);
  return { payload: text, binary: false };
}

export const describeClose = (closed: CloseInfo): string =>
  closed.reason === '' ? `${closed.code}` : `${closed.code} ${JSON.stringify(closed.reason)}`;

export class TestConnectionImpl<M> implements TestConnection<M> {
  readonly handshake: Handshake;
  readonly #ws: WebSocket;
  readonly #socket: Duplex;
  readonly #host: ConnectionHost<M>;
  readonly #arrivals: Arrival<M>[] = [];
  #closed: CloseInfo | undefined;
  #claimed = false;
  #ready: Promise<void> | undefined;

  /**
   * `echo`: run the default echo until a test takes the connection. `reads`: false when the
   * server does not read this socket (a fault, /stop-reading), so no pong could be heard.
   */
  constructor(ws: WebSocket, socket: Duplex, handshake: Handshake, host: ConnectionHost<M>, echo: boolean, reads = true) {
    this.handshake = handshake;
    this.#ws = ws;
    this.#socket = socket;
    this.#host = host;
    if (!reads) this.#ready = Promise.resolve();
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const arrival: Arrival<M> = { value: decode(data, isBinary, host.json) as M, taken: false };
      this.#arrivals.push(arrival);
      host.arrivals.push(arrival);
      // The default echo serves connections nobody scripts: it stops once a test holds this one.
      if (echo && !this.#claimed && ws.readyState === WebSocket.OPEN) ws.send(data, { binary: isBinary });
      notify(host.changes);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.#closed = { code, reason: reason.toString('utf8') };
      notify(host.changes);
    });
  }

  get timeout(): number {
    return this.#host.timeout;
  }

  get protocol(): string {
    return this.#ws.protocol;
  }

  get messages(): M[] {
    return this.#arrivals.map((arrival) => arrival.value);
  }

  get closed(): CloseInfo | undefined {
    return this.#closed === undefined ? undefined : { ...this.#closed };
  }

  get #where(): string {
    return `the connection to ${this.handshake.path}`;
  }

  nextMessage(options?: WaitOptions): Promise<M> {
    const timeout = checkTimeout(options?.timeout, 'nextMessage') ?? this.#host.timeout;
    const earlier = (): string =>
      this.#arrivals.length === 0 ? 'no message at all' : `only earlier messages, all taken: ${previewList(this.messages)}`;
    return waitForChange(
      this.#host.changes,
      () => {
        const next = this.#arrivals.find((arrival) => !arrival.taken);
        if (next !== undefined) {
          next.taken = true;
          return { value: next.value };
        }
        if (this.#closed !== undefined) {
          throw new Error(
            `minisocket/testing: expected a message on ${this.#where}, but it closed (${describeClose(this.#closed)}) after ${earlier()}`
          );
        }
        return undefined;
      },
      timeout,
      () =>
        new Error(`minisocket/testing: expected a message on ${this.#where} within ${timeout} ms, got nothing (it received ${earlier()})`)
    );
  }

  send(data: M | ArrayBuffer | ArrayBufferView): void {
    if (this.#ws.readyState !== WebSocket.OPEN) {
      const state = this.#closed === undefined ? 'closing' : `closed (${describeClose(this.#closed)})`;
      throw new Error(`minisocket/testing: cannot send on ${this.#where}: it is ${state}; nothing was sent`);
    }
    const { payload, binary } = encode(data, this.#host.json);
    this.#ws.send(payload, { binary });
  }

  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.#closed !== undefined) return Promise.resolve(this.closed as CloseInfo);
    if (this.#ws.readyState === WebSocket.OPEN) {
      try {
        this.#ws.close(code, reason);
      } catch {
        // ws refuses codes the RFC forbids on the wire (1005, 999...); a test may still want to send one.
        this.#socket.end(rawCloseFrame(code, reason));
      }
    }
    // A server does not wait for ever for the client's answer: past the timeout, it drops the connection.
    return this.waitForClose().catch(() => {
      this.#ws.terminate();
      return this.waitForClose();
    });
  }

  drop(): Promise<CloseInfo> {
    this.#socket.destroy();
    return this.waitForClose();
  }

  waitForClose(options?: WaitOptions): Promise<CloseInfo> {
    const timeout = checkTimeout(options?.timeout, 'waitForClose') ?? this.#host.timeout;
    return waitForChange(
      this.#host.changes,
      () => (this.#closed === undefined ? undefined : { value: { ...this.#closed } }),
      timeout,
      () =>
        new Error(
          `minisocket/testing: expected ${this.#where} to close within ${timeout} ms, but it is still open (messages received: ${previewList(this.messages)})`
        )
    );
  }

  /** Stops the default echo: a test holds this connection now. */
  [kClaim](): void {
    this.#claimed = true;
  }

  /**
   * Resolves once the client has answered a ping: it has then read the 101 response, so
   * its socket is open and a send right away succeeds. The server side alone knows only
   * that the 101 was written. Resolves anyway if the connection ends, or after the
   * timeout (a client that does not read its socket).
   */
  [kReady](): Promise<void> {
    this.#ready ??= new Promise<void>((resolve) => {
      const ws = this.#ws;
      if (ws.readyState !== WebSocket.OPEN) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        ws.off('pong', onPong);
        ws.off('close', done);
        resolve();
      };
      const onPong = (data: Buffer): void => {
        if (data.equals(READY_PING)) done();
      };
      const timer = setTimeout(done, this.#host.timeout);
      ws.on('pong', onPong);
      ws.on('close', done);
      ws.ping(READY_PING);
    });
    return this.#ready;
  }

  toString(): string {
    return `TestConnection(${this.handshake.url})`;
  }
}
