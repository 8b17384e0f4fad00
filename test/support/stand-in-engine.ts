/**
 * A stand-in engine for the unit tests of src/task/: it records what the link asks of it
 * and lets the test report engine facts (open, message, error, close, pong) at any moment,
 * including the ones a real server cannot produce on demand (an open after an abort, a
 * second close, an error while closing). The behaviour tests use real engines.
 */
import type { DialRequest, Engine, EngineSink, EngineSocket, SendCallback } from '../../src/engines/engine.js';

export interface StandInSocket extends EngineSocket {
  readonly sink: EngineSink;
  readonly request: DialRequest;
  bufferedAmount: number;
  readonly sent: Array<{ data: unknown; callback?: SendCallback | undefined }>;
  readonly closes: Array<[number, string]>;
  aborted: boolean;
  pings: number;
}

export function standInEngine(options: { ping?: boolean; throwOnConnect?: unknown } = {}): Engine & { sockets: StandInSocket[] } {
  const sockets: StandInSocket[] = [];
  return {
    name: 'stand-in',
    capabilities: { requestHeaders: true, responseHeaders: true, timing: false, tcpOptions: true, tls: true, ping: options.ping === true },
    sockets,
    connect(request: DialRequest, sink: EngineSink): EngineSocket {
      if (options.throwOnConnect !== undefined) throw options.throwOnConnect;
      const socket: StandInSocket = {
        sink,
        request,
        bufferedAmount: 0,
        sent: [],
        closes: [],
        aborted: false,
        pings: 0,
        send(data, callback) {
          socket.sent.push({ data, callback });
        },
        close(code, reason) {
          socket.closes.push([code, reason]);
        },
        abort() {
          socket.aborted = true;
        },
        ...(options.ping === true ? { ping: () => void socket.pings++ } : {})
      };
      sockets.push(socket);
      return socket;
    }
  };
}

export const request: DialRequest = {
  url: 'ws://127.0.0.1:9/stand-in',
  headers: {},
  protocols: [],
  tcpNoDelay: false,
  perMessageDeflate: false,
  maxPayload: 16 * 1024 * 1024,
  tls: { rejectUnauthorized: true }
};
