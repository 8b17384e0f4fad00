/**
 * The shapes the test server records and serves at `/__log`. They are plain JSON so that a
 * test running in a browser page sees exactly what a Node test sees.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from '../engines/ws-node.js';
import type { Fault, FaultOptions } from './faults.js';

/** One upgrade request, recorded whether or not it was accepted. */
export interface HandshakeRecord {
  /** The request path without the query string, e.g. `/echo`. */
  path: string;
  /** The request target as sent, query string included, e.g. `/echo?id=7&x=1`. */
  url: string;
  method: string;
  /** Request headers, names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Subprotocols the client offered, in order. */
  protocols: string[];
  /** The `id` query parameter, when present. */
  id?: string;
}

export interface MessageRecord {
  type: 'text' | 'binary';
  /** The text itself, or the bytes as lower-case hex (cut at 1 MiB of payload, see `truncated`). */
  data: string;
  /** Payload size in bytes. */
  size: number;
  truncated?: true;
}

/** One accepted WebSocket connection. */
export interface ConnectionRecord {
  id?: string;
  path: string;
  url: string;
  /** The subprotocol the server answered with ('' for none). */
  protocol: string;
  /** Messages received from the client, in order. */
  messages: MessageRecord[];
  /** How the connection ended, as the server saw it: the client's close frame (1005 if it had no code), or 1006 if dropped. */
  closed?: { code: number; reason: string };
  /** An error the server's WebSocket reported (for example, the client sent a bad frame). */
  error?: string;
}

export interface ServerLog {
  handshakes: HandshakeRecord[];
  connections: ConnectionRecord[];
}

export interface TestServerOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Told of every handshake and every accepted connection (before its scenario starts);
   * `minisocket serve` prints with it. Unlike `onConnection`, it leaves the default echo on.
   */
  observer?: ServerObserver;
  /** A directory whose files are served on plain HTTP GET (`/` is index.html): the playground, a browser test page. */
  static?: string;
  /**
   * Parse every text message as JSON (a text that is not JSON is kept as the string) and
   * serialize what `send` is given with JSON.stringify. Binary messages stay Buffers. Default false.
   */
  json?: boolean;
  /** The default timeout of every wait (nextConnection, nextMessage, matchers...), in ms. Default 1000. */
  timeout?: number;
  /**
   * Echo messages on connections nobody scripts (paths that are no scenario). Default true;
   * it is off for a connection that an onConnection handler or a waiting nextConnection
   * takes when it opens, and stops on a connection once nextConnection hands it out.
   */
  echo?: boolean;
}

export interface WaitOptions {
  /** In ms. Default: the server's `timeout` option (1000). */
  timeout?: number;
}

/** The upgrade request of a connection, as the client sent it. */
export interface Handshake {
  /** The path without the query string, e.g. `/chat`. */
  path: string;
  /** The query string's parameters; a repeated name keeps its last value. */
  query: Record<string, string>;
  /** Request headers, names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Subprotocols the client offered, in order. */
  protocols: string[];
  /** The request target as sent, e.g. `/chat?room=1`. */
  url: string;
}

/** How a connection ended, as the server saw it: the close frame's code and reason (1005 if it had no code, 1006 if dropped). */
export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * One connection, from `server.nextConnection()`. `Message` is what a message decodes to:
 * a string for text and a Buffer for binary, or the parsed JSON value on a JSON server.
 */
export interface TestConnection<Message = string | Buffer> {
  readonly handshake: Handshake;
  /** The subprotocol the server answered with ('' for none). */
  readonly protocol: string;
  /** Every message the client sent on this connection, in order (those taken by nextMessage too). */
  readonly messages: Message[];
  /** Undefined while the connection is open or closing. */
  readonly closed: CloseInfo | undefined;
  /** The default timeout of its waits, in ms: the server's. */
  readonly timeout: number;
  /** The next message not yet taken by a nextMessage call (of this connection or of the server); waits up to the timeout. */
  nextMessage(options?: WaitOptions): Promise<Message>;
  /** Sends a text message (JSON server: any value, serialized), or a binary one for an ArrayBuffer or typed array. Throws once the connection is closing. */
  send(data: Message | ArrayBuffer | ArrayBufferView): void;
  /** Starts the closing handshake; resolves when the connection has closed (past the timeout, the server drops it). */
  close(code?: number, reason?: string): Promise<CloseInfo>;
  /** Drops the TCP connection without a close frame (the client sees 1006). */
  drop(): Promise<CloseInfo>;
  /** Resolves when the connection has closed; rejects after the timeout with what it received meanwhile. */
  waitForClose(options?: WaitOptions): Promise<CloseInfo>;
}

export interface ServerObserver {
  handshake?(record: HandshakeRecord): void;
  connection?(socket: WebSocket, record: ConnectionRecord): void;
}

export type ConnectionHandler = (socket: WebSocket, request: IncomingMessage) => void;

export interface TestServer<Message = string | Buffer> extends ServerLog {
  /** `ws://HOST:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** `url` plus `path` (a leading slash is added when missing). */
  urlFor(path: string): string;
  /**
   * Scripts connections yourself. While any handler is registered, connections on paths
   * that are not a built-in scenario get no default echo. Returns an unsubscribe function.
   */
  onConnection(handler: ConnectionHandler): () => void;
  /** Both logs, optionally only the records tagged with `id`. */
  log(id?: string): ServerLog;
  /**
   * Injects a fault (faults.ts) into the next connections, whatever their path; `undefined` clears it.
   * `times` bounds how many connections get it.
   */
  fault(fault: Fault | undefined, options?: FaultOptions): void;
  /** Stops listening and drops every connection without a close frame: new connections are refused (ECONNREFUSED). The log is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port after stop(). */
  restart(): Promise<void>;
  /** Terminates every client, destroys every pending socket and closes the server; pending waits reject. */
  close(): Promise<void>;
  /**
   * The next connection not yet handed out, once its client is open (a send from the
   * client right after this resolves succeeds); waits up to the timeout.
   */
  nextConnection(options?: WaitOptions): Promise<TestConnection<Message>>;
  /** The next message, from any connection, not yet taken by a nextMessage call; waits up to the timeout. */
  nextMessage(options?: WaitOptions): Promise<Message>;
  /** Every message from every connection, in arrival order. */
  readonly messages: Message[];
  /** Sends to every open connection; returns how many it was sent to. */
  send(data: Message | ArrayBuffer | ArrayBufferView): number;
  /**
   * Between tests: drops every connection (clients see 1006), empties the logs and the
   * queue of connections not handed out, clears an injected fault, and rejects pending waits.
   * onConnection handlers stay.
   */
  reset(): Promise<void>;
  /** The default timeout of the waits, in ms. */
  readonly timeout: number;
}
