/**
 * The shapes the test server records and serves at `/__log`. They are plain JSON so that a
 * test running in a browser page sees exactly what a Node test sees.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
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
   * Origins (`http://127.0.0.1:5173`) whose pages may read `GET /__log` besides the server's
   * own: the log holds request headers and messages, so no other page can (CORS).
   */
  logOrigins?: readonly string[];
}

export interface ServerObserver {
  handshake?(record: HandshakeRecord): void;
  connection?(socket: WebSocket, record: ConnectionRecord): void;
}

export type ConnectionHandler = (socket: WebSocket, request: IncomingMessage) => void;

export interface TestServer extends ServerLog {
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
  /** Terminates every client, destroys every pending socket and closes the server. */
  close(): Promise<void>;
}
