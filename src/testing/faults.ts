/**
 * Fault injection for the test server: what a real network and real servers do to a
 * client that must stay connected. Each fault happens on the real wire (a refused TCP
 * connection, a socket that never answers, half a frame and a reset), never simulated.
 *
 * Two ways to ask for one: `server.fault(fault, { times })` applies to the next
 * connections whatever their path (so a reconnecting client meets it on its own URL),
 * and the paths `/no-pong`, `/no-handshake` and `/drop-mid-message` name the faults that
 * the path scenarios lack, for clients that cannot call Node code (a browser page).
 * `server.stop()` and `server.restart()` refuse connections and come back on the same port.
 */
import type { Duplex } from 'node:stream';
import { WebSocket } from '../engines/ws-node.js';
import { rawFrame } from './frames.js';

export type Fault =
  /** Accept TCP, read the upgrade request, never answer it. */
  | { kind: 'no-handshake' }
  /** Answer the upgrade with an HTTP status (401, 403, 500, 503...) instead of 101. */
  | { kind: 'status'; status: number }
  /** Open, then stop reading the socket: the client's writes pile up in the kernel, then in its queue. */
  | { kind: 'stop-reading' }
  /** Open and echo, but never answer a ping: a heartbeat must notice. */
  | { kind: 'no-pong' }
  /** Open, write half of a text frame, then destroy the TCP connection. */
  | { kind: 'drop-mid-message' }
  /** Open, then drop the TCP connection without a close frame after `afterMs` (default 0). */
  | { kind: 'drop'; afterMs?: number }
  /** Open, then send a close frame with this code and reason. */
  | { kind: 'close'; code: number; reason?: string };

/** The faults the path names (the other kinds have path scenarios already: /status/<n>, /hang, /stop-reading, /drop, /close/<code>). */
const PATH_FAULTS: Record<string, Fault> = {
  '/no-pong': { kind: 'no-pong' },
  '/no-handshake': { kind: 'no-handshake' },
  '/drop-mid-message': { kind: 'drop-mid-message' }
};

export interface FaultOptions {
  /** How many connections get the fault before the paths' own behaviour returns. Default: all until cleared. */
  times?: number;
}

/** Which fault, if any, the next connection gets. */
export class FaultPlan {
  private fault: Fault | undefined;
  private remaining = 0;

  /** `undefined` clears the fault. */
  set(fault: Fault | undefined, options: FaultOptions = {}): void {
    this.fault = fault;
    this.remaining = options.times ?? Infinity;
  }

  /** The fault for a new connection on `path`: the injected one first, else the path's. */
  take(path: string): Fault | undefined {
    if (this.fault !== undefined && this.remaining > 0) {
      this.remaining--;
      return this.fault;
    }
    return PATH_FAULTS[path];
  }
}

function statusLine(status: number): string {
  return `HTTP/1.1 ${status} Fault\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
}

/** Faults that act before the upgrade. Returns true when the fault took the connection. */
export function faultBeforeUpgrade(fault: Fault, socket: Duplex): boolean {
  if (fault.kind === 'status') {
    socket.end(statusLine(fault.status));
    return true;
  }
  // no-handshake: the socket stays in the server's set until stop() or close() destroys it.
  return fault.kind === 'no-handshake';
}

/**
 * ws answers pings itself unless told not to (autoPong: false on the server); the test
 * server turns that off and answers here, so that one connection can stay silent.
 */
export function answerPings(ws: WebSocket, fault: Fault | undefined): void {
  if (fault?.kind === 'no-pong') return;
  ws.on('ping', (data) => {
    if (ws.readyState === WebSocket.OPEN) ws.pong(data);
  });
}

/** Destroys `socket` after `ms`; the timer dies with the socket, so no handle outlives it. */
function destroyLater(socket: Duplex, ms: number): void {
  const timer = setTimeout(() => socket.destroy(), ms);
  socket.once('close', () => clearTimeout(timer));
}

/** Half of a 100-byte text frame: the header promises 100 bytes, 50 follow. */
const HALF_FRAME = rawFrame(0x1, Buffer.alloc(100, 0x61)).subarray(0, 2 + 50);

/** Faults that act once the connection is open. */
export function faultAfterUpgrade(fault: Fault, ws: WebSocket, socket: Duplex): void {
  switch (fault.kind) {
    case 'no-pong':
      ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
      return;
    case 'stop-reading':
      ws.pause();
      return;
    case 'drop-mid-message':
      socket.write(HALF_FRAME, () => socket.destroy());
      return;
    case 'drop':
      // At least a tick later, so that the 101 response leaves before the FIN.
      return destroyLater(socket, fault.afterMs ?? 0);
    case 'close':
      ws.close(fault.code, fault.reason ?? '');
      return;
    case 'status':
    case 'no-handshake':
      return; // acted before the upgrade
  }
}
