/**
 * What the server does once a scenario's connection is open. Each fault is produced on
 * the real wire (raw frames, paused or destroyed sockets), never simulated.
 */
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { BAD_UTF8_FRAME, RESERVED_OPCODE_FRAME, rawCloseFrame } from './frames.js';
import type { Scenario } from './scenarios.js';

export function echo(ws: WebSocket): void {
  ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
}

/** Destroys `socket` after `ms`; the timer dies with the socket so `close()` leaves no handle. */
function destroyLater(socket: Duplex, ms: number): void {
  const timer = setTimeout(() => socket.destroy(), ms);
  socket.once('close', () => clearTimeout(timer));
}

function pattern(size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 256;
  return bytes;
}

function closeWith(ws: WebSocket, socket: Duplex, code: number | undefined, reason: string): void {
  if (code === undefined) return ws.close();
  try {
    ws.close(code, reason);
  } catch {
    // ws refuses codes the RFC forbids on the wire (1005, 999...); a test may still want to send one.
    socket.end(rawCloseFrame(code, reason));
  }
}

/** Relays each message to every other open client of the same room (`/broadcast`). */
function broadcast(ws: WebSocket, room: Set<WebSocket>): void {
  room.add(ws);
  ws.on('close', () => room.delete(ws));
  ws.on('message', (data, isBinary) => {
    for (const peer of room) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data as Buffer, { binary: isBinary });
  });
}

/** Echoes each message `ms` late; pending echoes die with the connection. */
function slowEcho(ws: WebSocket, ms: number): void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  ws.on('close', () => timers.forEach(clearTimeout));
  ws.on('message', (data, isBinary) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (ws.readyState === ws.OPEN) ws.send(data as Buffer, { binary: isBinary });
    }, ms);
    timers.add(timer);
  });
}

/** Starts the scenario's behaviour on a freshly opened connection; `room` holds the broadcast peers. */
export function runScenario(
  scenario: Scenario,
  ws: WebSocket,
  socket: Duplex,
  request: IncomingMessage,
  echoDefault: boolean,
  room?: Set<WebSocket>
): void {
  switch (scenario.kind) {
    case 'echo':
    case 'protocol':
      if (scenario.kind === 'protocol' || scenario.explicit || echoDefault) echo(ws);
      return;
    case 'close':
      return closeWith(ws, socket, scenario.code, scenario.reason);
    case 'drop':
      // A tick later, so the 101 response has left before the FIN.
      return destroyLater(socket, scenario.afterMs);
    case 'headers':
      ws.send(JSON.stringify(request.headers));
      return;
    case 'bad-utf8':
      socket.write(BAD_UTF8_FRAME);
      return;
    case 'bad-frame':
      socket.write(RESERVED_OPCODE_FRAME);
      return;
    case 'send-binary':
      ws.send(pattern(scenario.size), { binary: true });
      return;
    case 'send-text':
      ws.send('a'.repeat(scenario.size), { binary: false });
      return;
    case 'stop-reading':
      // ws.pause() stops reading the TCP socket: the kernel buffers fill, then the client's queue grows.
      ws.pause();
      if (scenario.dropAfterMs !== undefined) destroyLater(socket, scenario.dropAfterMs);
      return;
    case 'no-close-reply':
      echo(ws);
      // ws answers a close frame by calling close() on the instance; silencing it leaves the client waiting.
      Object.defineProperty(ws, 'close', { value: () => undefined });
      return;
    case 'broadcast':
      return broadcast(ws, room ?? new Set());
    case 'slow':
      // The handshake was already answered `ms` late (server.ts); the echoes are too.
      return slowEcho(ws, scenario.ms);
    case 'status':
    case 'hang':
      return; // handled before the upgrade
  }
}
