/**
 * The Node.js engine: the `ws` package, plus what Node can do that a browser cannot
 * (request headers, response headers, connection timings, TCP and TLS options).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { SocketTimingProfile } from '../types.js';
import type { DialRequest, Engine, EngineFailure, EngineSink, EngineSocket, SendCallback } from './engine.js';
import { classifyWsError } from './ws-errors.js';

const now = (): number => performance.timeOrigin + performance.now();

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Timestamps WeChat reports in onOpen's `profile`, filled in as the connection progresses. */
class Timing {
  readonly fetchStart = now();
  domainLookUpStart = 0;
  domainLookUpEnd = 0;
  connectStart = 0;
  connectEnd = 0;
  secureEnd = 0;

  /** net/tls `lookup` option that notes when DNS starts and ends. */
  readonly lookup = (host: string, options: LookupOptions, callback: LookupCallback): void => {
    this.domainLookUpStart = now();
    dnsLookup(host, options, ((error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      this.domainLookUpEnd = this.connectStart = now();
      callback(error, address, family);
    }) as never);
  };

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

/** ws's `createConnection` hook: ws's own net/tls connect plus timing and the TCP option. */
function timedConnection(secure: boolean, timing: Timing, tcpNoDelay: boolean) {
  return (options: ConnectionOptions & { path?: string; host?: string }): Socket => {
    timing.connectStart = timing.connectStart || now();
    const opts = { ...options, path: undefined, lookup: timing.lookup };
    let socket: Socket;
    if (secure) {
      if (!opts.servername && opts.servername !== '') opts.servername = isIP(opts.host ?? '') ? '' : opts.host;
      socket = tlsConnect(opts);
      socket.once('secureConnect', () => (timing.secureEnd = now()));
    } else {
      socket = netConnect(opts as unknown as Parameters<typeof netConnect>[0]);
    }
    socket.once('connect', () => {
      timing.connectEnd = now();
    });
    // ws turns Nagle off when the upgrade completes; put back what the caller asked for after it does.
    socket.once('connect', () => setImmediate(() => socket.destroyed || socket.setNoDelay(tcpNoDelay)));
    return socket;
  };
}

function lowerCaseHeaders(response: IncomingMessage): Record<string, string> {
  const header: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) header[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return header;
}

/** An exact ArrayBuffer of a message's bytes, never a view on ws's or Node's pooled memory. */
function toArrayBuffer(data: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = data;
  if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
}

class WsSocket implements EngineSocket {
  private header: Record<string, string> = {};
  /** The close code ws sent because of a protocol error, reported instead of ws's 1006. */
  private errorCloseCode: number | undefined;

  constructor(
    private readonly ws: WebSocket,
    sink: EngineSink,
    timing: Timing,
    maxPayload: number
  ) {
    ws.on('upgrade', (response) => (this.header = lowerCaseHeaders(response)));
    ws.on('open', () => sink.open(this.header, timing.profile(now())));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      sink.message(isBinary ? toArrayBuffer(data) : data.toString());
    });
    ws.on('pong', () => sink.pong?.());
    ws.on('error', (error: Error) => {
      const failure: EngineFailure & { closeCode?: number } = classifyWsError(error, maxPayload);
      this.errorCloseCode = failure.closeCode;
      sink.error(failure);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      sink.close(this.errorCloseCode ?? code, this.errorCloseCode ? '' : reason.toString());
    });
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(data: string | ArrayBuffer | ArrayBufferView, callback?: SendCallback): void {
    this.ws.send(data, callback);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  abort(): void {
    this.ws.terminate();
  }

  ping(): void {
    this.ws.ping();
  }
}

export const wsEngine: Engine = {
  name: 'ws',
  capabilities: { requestHeaders: true, responseHeaders: true, timing: true, tcpOptions: true, ping: true },
  connect(request: DialRequest, sink: EngineSink): EngineSocket {
    const secure = request.url.startsWith('wss:');
    const timing = new Timing();
    const ws = new WebSocket(request.url, request.protocols, {
      headers: request.headers,
      perMessageDeflate: request.perMessageDeflate,
      maxPayload: request.maxPayload,
      followRedirects: false,
      rejectUnauthorized: request.tls.rejectUnauthorized,
      ...(request.tls.ca === undefined ? {} : { ca: request.tls.ca }),
      createConnection: timedConnection(secure, timing, request.tcpNoDelay) as never
    });
    return new WsSocket(ws, sink, timing, request.maxPayload);
  }
};
