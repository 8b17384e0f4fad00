/**
 * A `ws` server on loopback for the facade's tests: per path, a behaviour; every message
 * it receives is recorded as bytes, every close code and reason it sees too.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Received {
  path: string;
  data: Buffer;
  binary: boolean;
}

export interface Closed {
  path: string;
  code: number;
  reason: string;
}

export interface FacadeServer {
  url(path?: string): string;
  received: Received[];
  closes: Closed[];
  /** Starts reading the `/hold` connections, which read nothing until then. */
  release(): void;
  stop(): Promise<void>;
}

/**
 * Paths: `/echo` echoes; `/close/<code>` closes at once with that code and reason
 * 'server bye'; `/send-after-open` sends 'one' and 'two' then waits; `/big` sends 100 bytes; `/refuse` answers
 * 403; `/hold` reads nothing until `release()` (the client's writes back up), then records;
 * every server picks the last subprotocol offered.
 */
export async function startFacadeServer(): Promise<FacadeServer> {
  const http: Server = createServer();
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) => [...protocols].pop() ?? false
  });
  const received: Received[] = [];
  const closes: Closed[] = [];
  const held: WebSocket[] = [];
  http.on('upgrade', (request, socket, head) => {
    const path = request.url ?? '/';
    if (path === '/refuse') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      ws.on('message', (data: Buffer, binary: boolean) => {
        received.push({ path, data: Buffer.from(data), binary });
        if (path === '/echo') ws.send(data, { binary });
      });
      ws.on('close', (code, reason) => closes.push({ path, code, reason: reason.toString() }));
      if (path === '/hold') {
        ws.pause();
        held.push(ws);
      }
      const closing = /^\/close\/(\d+)$/.exec(path);
      if (closing) ws.close(Number(closing[1]), 'server bye');
      if (path === '/big') ws.send(Buffer.alloc(100));
      if (path === '/send-after-open') {
        ws.send('one');
        ws.send('two');
      }
    });
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  return {
    url: (path = '/echo') => `ws://127.0.0.1:${port}${path}`,
    received,
    closes,
    release() {
      for (const ws of held.splice(0)) ws.resume();
    },
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  };
}

/** The next event of `type` on `target`. */
export function next<T extends Event = Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as T), { once: true }));
}
