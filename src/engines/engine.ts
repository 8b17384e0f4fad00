/**
 * The contract between a SocketTask and the WebSocket implementation beneath it.
 *
 * An engine reports facts (opened, a message, a failure, closed); the task alone decides
 * what the user sees and in which order. Nothing above this folder imports an engine's
 * own types.
 */
import type { ErrCodeValue } from '../errors.js';
import type { SocketTimingProfile } from '../types.js';

/** What a browser cannot do, so the API can warn when a caller asks for it. */
export interface EngineCapabilities {
  requestHeaders: boolean;
  responseHeaders: boolean;
  timing: boolean;
  tcpOptions: boolean;
  /** TLS options from config (rejectUnauthorized, ca). */
  tls: boolean;
  /** Protocol-level ping frames (the heartbeat uses an application message otherwise). */
  ping: boolean;
}

export interface DialRequest {
  url: string;
  /**
   * `url`, already parsed (optional, added with the task core rewrite): an engine may use
   * it instead of parsing `url` again. Undefined when a route rewrote the URL.
   */
  parsedUrl?: URL | undefined;
  headers: Record<string, string>;
  protocols: string[];
  tcpNoDelay: boolean;
  perMessageDeflate: boolean;
  maxPayload: number;
  /** cert, key and passphrase: a client certificate (the CLI's --cert/--key; not an API option). */
  tls: { rejectUnauthorized: boolean; ca?: string | string[]; cert?: string; key?: string; passphrase?: string };
}

/** A failure as an engine reports it: a code from errors.ts and a short ASCII detail. */
export interface EngineFailure {
  code: ErrCodeValue;
  detail?: string;
  cause?: unknown;
  /** A refused handshake's HTTP status (BAD_RESPONSE_STATUS). */
  statusCode?: number;
}

/** Where an engine reports what happened; called asynchronously, never inside a method call. */
export interface EngineSink {
  open(header: Record<string, string>, profile: SocketTimingProfile | undefined): void;
  message(data: string | ArrayBuffer): void;
  error(failure: EngineFailure): void;
  close(code: number, reason: string): void;
  /** A pong frame arrived (its application data, where the engine has it). */
  pong?(data?: Uint8Array): void;
  /** A ping frame from the server arrived (the engine has answered it already). */
  ping?(data: Uint8Array): void;
}

export type SendCallback = (error?: Error | null) => void;

/**
 * The code of the error a send callback gets when the message was never written because
 * the connection was closing or went away. Each engine maps its own "connection gone"
 * errors (ECONNRESET, EPIPE, a destroyed stream, ...) to this one fact; any other error
 * in a send callback is the engine's own failure (errCode SYSTEM_ERROR).
 */
export const NOT_WRITTEN = 'ERR_MINISOCKET_NOT_WRITTEN';

/** The not-written error; `cause` keeps the engine's own error where there is one. */
export function notWritten(cause?: unknown): Error {
  const error = Object.assign(new Error('the connection is closing: the message was not written'), { code: NOT_WRITTEN });
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

export function isNotWritten(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === NOT_WRITTEN;
}

/** How long a closing handshake may take before the connection is dropped (ws's own figure). */
export const CLOSE_TIMEOUT = 30_000;

export interface EngineSocket {
  /** Bytes accepted by `send` and not yet handed to the operating system. */
  readonly bufferedAmount: number;
  /** `callback` runs once the bytes are handed to the OS, or with an error (`notWritten()` when the connection went away first). */
  send(data: string | ArrayBuffer | ArrayBufferView, callback?: SendCallback): void;
  /** Starts the closing handshake (only called while open). */
  close(code: number, reason: string): void;
  /** Tears the connection down at once; the sink hears nothing more. */
  abort(): void;
  /** Sends a ping frame (with up to 125 bytes of data), where the engine can. */
  ping?(data?: Uint8Array): void;
  /** Sends an unsolicited pong frame, where the engine can. */
  pong?(data?: Uint8Array): void;
  /** Stops reading from the network until resume() (the CLI, while its output is blocked). */
  pause?(): void;
  resume?(): void;
}

export interface Engine {
  readonly name: string;
  readonly capabilities: EngineCapabilities;
  connect(request: DialRequest, sink: EngineSink): EngineSocket;
}
