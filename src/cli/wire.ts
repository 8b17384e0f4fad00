/**
 * `connect`'s view of the wire below the SocketTask: the ws engine with the command line's
 * client certificate, and the frames the API does not surface (server pings, pong data),
 * so the CLI can show them and send /ping and /pong with data. The task still sees every
 * event it would see with the plain engine.
 */
import type { Engine, EngineSink, EngineSocket } from '../engines/engine.js';
import { wsEngine } from '../engines/ws.js';

export interface WireWatcher {
  ping(data: Uint8Array): void;
  pong(data: Uint8Array): void;
}

export interface Wire {
  readonly engine: Engine;
  /** The connection's socket once dialled (one task, one socket). */
  readonly socket: EngineSocket | undefined;
}

export function cliWire(clientCert: { cert?: string; key?: string; passphrase?: string }, watcher: WireWatcher): Wire {
  let socket: EngineSocket | undefined;
  const engine: Engine = {
    name: wsEngine.name,
    capabilities: wsEngine.capabilities,
    connect(request, sink) {
      const watched: EngineSink = {
        open: (header, profile) => sink.open(header, profile),
        message: (data) => sink.message(data),
        error: (failure) => sink.error(failure),
        close: (code, reason) => sink.close(code, reason),
        pong: (data) => {
          watcher.pong(data ?? new Uint8Array(0));
          sink.pong?.(data);
        },
        ping: (data) => {
          watcher.ping(data);
          sink.ping?.(data);
        }
      };
      socket = wsEngine.connect({ ...request, tls: { ...request.tls, ...clientCert } }, watched);
      return socket;
    }
  };
  return {
    engine,
    get socket() {
      return socket;
    }
  };
}
