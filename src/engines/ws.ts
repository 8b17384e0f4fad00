/**
 * The Node.js engine: the `ws` package, plus what Node can do that a browser cannot
 * (request headers, response headers, connection timings, TCP and TLS options).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from './ws-node.js';
import type { SocketTimingProfile } from '../types.js';
import {
  notWritten,
  type DialRequest,
  type Engine,
  type EngineFailure,
  type EngineSink,
  type EngineSocket,
  type SendCallback
} from './engine.js';
import { ErrCode } from '../errors.js';
import { classifyWriteError, classifyWsError } from './ws-errors.js';

// The epoch time WeChat's timing profile reports. timeOrigin is fixed for the process and its
// getter is a call into Node's binding: read it once, not four times per connection.
const origin = performance.timeOrigin;
const now = (): number => origin + performance.now();

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Timestamps WeChat reports in onOpen's `profile`, filled in as the connection progresses. */
class Timing {
  readonly fetchStart = now();
  domainLookUpStart = 0;
  domainLookUpEnd = 0;
  connectStart = 0;
  connectEnd = 0;
  secureEnd = 0;
  /** The connection's TCP (or TLS) socket, once ws has asked for it. */
  socket: Socket | undefined = undefined;

  profile(opened: number): SocketTimingProfile {
    // An IP literal needs no lookup: the lookup and connect phases start with the fetch.
    const lookupStart = this.domainLookUpStart || this.fetchStart;
    const lookupEnd = this.domainLookUpEnd || lookupStart;
    const connectStart = this.connectStart || lookupEnd;
    const connectEnd = this.connectEnd || connectStart;
    const ready = this.secureEnd || connectEnd;
    const result: SocketTimingProfile = {
      fetchStart: this.fetchStart,
      domainLookUpStart: lookupStart,
      domainLookUpEnd: lookupEnd,
      connectStart,
      connectEnd,
      handshakeCost: opened - ready,
      cost: opened - this.fetchStart,
      rtt: connectEnd - connectStart
    };
    if (this.secureEnd) result.SSLconnectionEnd = this.secureEnd;
    return result;
  }
}

/** net/tls `lookup` option that notes when DNS starts and ends (only a host name is looked up). */
function timedLookup(timing: Timing) {
  return (host: string, options: LookupOptions, callback: LookupCallback): void => {
    timing.domainLookUpStart = now();
    dnsLookup(host, options, ((error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      timing.domainLookUpEnd = timing.connectStart = now();
      callback(error, address, family);
    }) as never);
  };
}

/** ws's `createConnection` hook: ws's own net/tls connect plus timing. */
function timedConnection(secure: boolean, timing: Timing) {
  return (options: ConnectionOptions & { path?: string; host?: string; lookup?: unknown }): Socket => {
    timing.connectStart = timing.connectStart || now();
    // The options are a fresh copy made for this request; ws's own connect edits them too.
    options.path = undefined;
    // An IP literal is never looked up: its connection needs no lookup hook.
    if (isIP(options.host ?? '') === 0) options.lookup = timedLookup(timing);
    let socket: Socket;
    if (secure) {
      if (!options.servername && options.servername !== '') options.servername = isIP(options.host ?? '') ? '' : options.host;
      socket = tlsConnect(options);
      socket.once('secureConnect', () => (timing.secureEnd = now()));
    } else {
      socket = netConnect(options as unknown as Parameters<typeof netConnect>[0]);
    }
    socket.once('connect', () => (timing.connectEnd = now()));
    timing.socket = socket;
    return socket;
  };
}

/** Node lower-cases response header names already; only repeated set-cookie comes as an array. */
function lowerCaseHeaders(response: IncomingMessage): Record<string, string> {
  const header: Record<string, string> = {};
  const headers = response.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) header[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return header;
}

/** An exact ArrayBuffer of a message's bytes, never a view on ws's or Node's pooled memory. */
function toArrayBuffer(data: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = data;
  if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
}

/** Where a ws instance keeps its WsSocket, so one set of listener functions serves every connection. */
const kSocket = Symbol('minisocket.WsSocket');
type OwnedWebSocket = WebSocket & { [kSocket]: WsSocket };
const owner = (ws: WebSocket): WsSocket => (ws as OwnedWebSocket)[kSocket];

// Module-level listeners (ws calls them with `this` = the WebSocket, as ws's own receiver
// handlers work): an idle connection carries no closures of ours.
/** The handshake's response headers, kept until 'open' reports them. */
function onUpgrade(this: WebSocket, response: IncomingMessage): void {
  owner(this).handshake!.header = lowerCaseHeaders(response);
}
function onOpen(this: WebSocket): void {
  const socket = owner(this);
  const { timing, header, tcpNoDelay } = socket.handshake!;
  // The timing and the headers are garbage from here on: an idle connection keeps only what it still needs.
  socket.handshake = undefined;
  // ws turns Nagle off as it takes the socket over, just before 'open': put back the
  // caller's choice now (false by default, as WeChat), before any message is written.
  if (!tcpNoDelay) timing.socket?.setNoDelay(false);
  socket.sink.open(header, timing.profile(now()));
}
function onMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  owner(this).sink.message(isBinary ? toArrayBuffer(data) : data.toString());
}
function onPong(this: WebSocket, data: Buffer): void {
  owner(this).sink.pong?.(data);
}
function onPing(this: WebSocket, data: Buffer): void {
  owner(this).sink.ping?.(data);
}
/**
 * A handshake answered with another status than 101. Listening to ws's public
 * 'unexpected-response' event is the way to see the response's headers (Retry-After);
 * ws then leaves the ending to us: terminate() ends the handshake as ws itself would,
 * with an error and a close, and onError reports the status noted here.
 */
function onUnexpectedResponse(this: WebSocket, _request: unknown, response: IncomingMessage): void {
  const socket = owner(this);
  const retryAfter = response.headers['retry-after'];
  socket.refused = { statusCode: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
  this.terminate();
}
function onError(this: WebSocket, error: Error): void {
  const socket = owner(this);
  // The cause says what ws would have said (terminate()'s own wording is about the abort, not the server).
  const refused = socket.refused;
  const failure: EngineFailure & { closeCode?: number } =
    refused === undefined
      ? classifyWsError(error, socket.maxPayload)
      : {
          code: ErrCode.BAD_RESPONSE_STATUS,
          detail: String(refused.statusCode),
          cause: new Error(`Unexpected server response: ${refused.statusCode}`),
          statusCode: refused.statusCode,
          retryAfter: refused.retryAfter
        };
  socket.errorCloseCode = failure.closeCode;
  socket.sink.error(failure);
}
function onClose(this: WebSocket, code: number, reason: Buffer): void {
  const socket = owner(this);
  socket.sink.close(socket.errorCloseCode ?? code, socket.errorCloseCode ? '' : reason.toString());
}

class WsSocket implements EngineSocket {
  /** The close code ws sent because of a protocol error, reported instead of ws's 1006. */
  errorCloseCode: number | undefined = undefined;
  /** The status (and Retry-After) of a handshake the server refused, noted before ws reports the error. */
  refused: { statusCode: number; retryAfter: string | undefined } | undefined = undefined;
  /** What 'open' reports, until it has. */
  handshake: { timing: Timing; header: Record<string, string>; tcpNoDelay: boolean } | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly sink: EngineSink,
    timing: Timing,
    readonly maxPayload: number,
    tcpNoDelay: boolean
  ) {
    (ws as OwnedWebSocket)[kSocket] = this;
    this.handshake = { timing, header: {}, tcpNoDelay };
    ws.once('upgrade', onUpgrade);
    ws.once('open', onOpen);
    ws.on('message', onMessage);
    ws.on('pong', onPong);
    if (sink.ping !== undefined) ws.on('ping', onPing);
    ws.on('error', onError);
    ws.once('unexpected-response', onUnexpectedResponse);
    ws.on('close', onClose);
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(data: string | ArrayBuffer | ArrayBufferView, callback?: SendCallback): void {
    // The peer's close frame can arrive between the task's state check and this send: ws
    // would then drop the message with its own wording; say plainly it was not written.
    if (this.ws.readyState !== WebSocket.OPEN) {
      if (callback !== undefined) process.nextTick(callback, notWritten());
      return;
    }
    if (callback === undefined) this.ws.send(data);
    else this.ws.send(data, (error) => callback(error == null ? error : classifyWriteError(error)));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  abort(): void {
    this.ws.terminate();
  }

  ping(data?: Uint8Array): void {
    this.ws.ping(data);
  }

  pong(data?: Uint8Array): void {
    this.ws.pong(data);
  }

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }
}

export const wsEngine: Engine = {
  name: 'ws',
  capabilities: {
    requestHeaders: true,
    responseHeaders: true,
    timing: true,
    tcpOptions: true,
    tls: true,
    ping: true,
    knowsUnwritten: true
  },
  connect(request: DialRequest, sink: EngineSink): EngineSocket {
    // Case-insensitive: a route target may spell the scheme WSS:, and ws itself would go TLS.
    const secure = /^wss:/i.test(request.url);
    const timing = new Timing();
    // The URL the API already parsed, where it has it: ws would parse the string again.
    const ws = new WebSocket(request.parsedUrl ?? request.url, request.protocols, {
      headers: request.headers,
      perMessageDeflate: request.perMessageDeflate,
      maxPayload: request.maxPayload,
      followRedirects: false,
      rejectUnauthorized: request.tls.rejectUnauthorized,
      ...(request.tls.ca === undefined ? {} : { ca: request.tls.ca }),
      ...(request.tls.cert === undefined ? {} : { cert: request.tls.cert }),
      ...(request.tls.key === undefined ? {} : { key: request.tls.key }),
      ...(request.tls.passphrase === undefined ? {} : { passphrase: request.tls.passphrase }),
      createConnection: timedConnection(secure, timing) as never
    });
    return new WsSocket(ws, sink, timing, request.maxPayload, request.tcpNoDelay);
  }
};
