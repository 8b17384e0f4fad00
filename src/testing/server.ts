/**
 * createTestServer(): a real `ws` server on a node:http server, bound to loopback on an
 * ephemeral port, that logs every handshake and message and plays the path-based
 * scenarios of scenarios.ts. Its log is also served at `GET /__log?id=...` so that a test
 * in a browser page can ask what the server saw: to the server's own origin, and to the
 * origins named in `logOrigins` (CORS), never to any page (issue 11, finding 9).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { runScenario } from './behaviours.js';
import { answerPings, faultAfterUpgrade, faultBeforeUpgrade, FaultPlan, type Fault } from './faults.js';
import { filterLog, flattenHeaders, messageRecord, offeredProtocols } from './log.js';
import { parseScenario, type Scenario } from './scenarios.js';
import { serveStatic } from './static.js';
import type { ConnectionHandler, ConnectionRecord, HandshakeRecord, ServerLog, TestServer, TestServerOptions } from './types.js';

interface Target {
  path: string;
  id: string | undefined;
  scenario: Scenario;
}

function parseTarget(request: IncomingMessage): Target {
  const url = new URL(request.url ?? '/', 'http://localhost');
  return { path: url.pathname, id: url.searchParams.get('id') ?? undefined, scenario: parseScenario(url.pathname) };
}

function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_CODES[status] ?? 'Unknown';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`
  );
}

/**
 * The log holds request headers (an Authorization header included) and messages: a page of
 * another origin may read it only when the server was told so (issue 11, finding 9).
 */
function allowOrigin(request: IncomingMessage, response: ServerResponse, port: number, extra: readonly string[]): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  if (own.includes(origin) || extra.includes(origin)) {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Vary', 'Origin');
  }
}

function serveLog(request: IncomingMessage, response: ServerResponse, log: ServerLog, port: number, extra: readonly string[]): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  allowOrigin(request, response, port, extra);
  // Connection: close, so that a fetch of the log leaves no keep-alive socket behind in the test process.
  response.setHeader('Connection', 'close');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*' }).end();
  } else if (url.pathname === '/__log' && request.method === 'GET') {
    const body = JSON.stringify(filterLog(log, url.searchParams.get('id') ?? undefined));
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  } else {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
  }
}

export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const handshakes: HandshakeRecord[] = [];
  const connections: ConnectionRecord[] = [];
  const log: ServerLog = { handshakes, connections };
  const handlers = new Set<ConnectionHandler>();
  const sockets = new Set<Duplex>();
  const clients = new Set<WebSocket>();
  const targets = new WeakMap<IncomingMessage, Target>();
  /** Broadcast peers, one room per path (`/broadcast`, `/broadcast/lobby`). */
  const rooms = new Map<string, Set<WebSocket>>();
  const roomFor = (target: Target): Set<WebSocket> | undefined => {
    if (target.scenario.kind !== 'broadcast') return undefined;
    let room = rooms.get(target.path);
    if (room === undefined) rooms.set(target.path, (room = new Set()));
    return room;
  };

  const faults = new FaultPlan();
  let listening = false;

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // Pings are answered in accept() (faults.ts), so that a /no-pong connection can stay silent.
    autoPong: false,
    // Only asked when the client offered protocols; ws then picks what this returns (false: none).
    handleProtocols: (offered, request) => {
      const scenario = targets.get(request)?.scenario;
      if (scenario?.kind === 'protocol') return scenario.name;
      return offered.values().next().value ?? false;
    }
  });
  // /protocol/<name> answers with <name> even when the client offered nothing.
  wss.on('headers', (lines, request) => {
    const scenario = targets.get(request)?.scenario;
    if (scenario?.kind !== 'protocol' || scenario.name === false) return;
    if (!lines.some((line) => line.toLowerCase().startsWith('sec-websocket-protocol:'))) {
      lines.push(`Sec-WebSocket-Protocol: ${scenario.name}`);
    }
  });

  const http = createServer((request, response) => {
    if (options.static === undefined || !serveStatic(options.static, request, response)) {
      serveLog(request, response, log, (http.address() as AddressInfo).port, options.logOrigins ?? []);
    }
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a client that resets must not crash the test process
    const target = parseTarget(request);
    targets.set(request, target);
    const handshake: HandshakeRecord = {
      path: target.path,
      url: request.url ?? '/',
      method: request.method ?? 'GET',
      headers: flattenHeaders(request.headers),
      protocols: offeredProtocols(request.headers['sec-websocket-protocol'])
    };
    if (target.id !== undefined) handshake.id = target.id;
    handshakes.push(handshake);
    options.observer?.handshake?.(handshake);

    const fault = faults.take(target.path);
    if (fault !== undefined && faultBeforeUpgrade(fault, socket)) return;
    if (fault !== undefined) return wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, socket, target, fault));
    const { scenario } = target;
    if (scenario.kind === 'status') return refuseUpgrade(socket, scenario.status);
    if (scenario.kind === 'hang') return; // kept in `sockets` until close() destroys it
    const upgrade = (): void => wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, socket, target));
    if (scenario.kind !== 'slow') return upgrade();
    const timer = setTimeout(upgrade, scenario.ms);
    socket.once('close', () => clearTimeout(timer));
  });

  function accept(ws: WebSocket, request: IncomingMessage, socket: Duplex, target: Target, fault?: Fault): void {
    const record: ConnectionRecord = { path: target.path, url: request.url ?? '/', protocol: ws.protocol, messages: [] };
    if (target.id !== undefined) record.id = target.id;
    connections.push(record);
    clients.add(ws);
    ws.on('message', (data, isBinary) => record.messages.push(messageRecord(data as Buffer, isBinary)));
    ws.on('error', (error) => (record.error = error.message));
    ws.on('close', (code, reason) => {
      clients.delete(ws);
      record.closed = { code, reason: reason.toString('utf8') };
    });
    answerPings(ws, fault);
    options.observer?.connection?.(ws, record);
    if (fault !== undefined) return faultAfterUpgrade(fault, ws, socket);
    for (const handler of handlers) handler(ws, request);
    runScenario(target.scenario, ws, socket, request, handlers.size === 0, roomFor(target));
  }

  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        listening = true;
        resolve();
      });
    });
  /** Ends every connection without a close frame (clients see 1006) and every pending handshake. */
  const dropAll = (): void => {
    for (const ws of clients) ws.terminate();
    for (const socket of sockets) socket.destroy();
  };
  await listen(options.port ?? 0);
  const port = (http.address() as AddressInfo).port;
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    handshakes,
    connections,
    urlFor: (path) => `${url}${path.startsWith('/') ? '' : '/'}${path}`,
    onConnection(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    log: (id) => filterLog(log, id),
    fault: (fault, faultOptions) => faults.set(fault, faultOptions),
    async stop() {
      if (!listening) return;
      listening = false;
      dropAll();
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await stopped;
    },
    async restart() {
      if (!listening) await listen(port);
    },
    async close() {
      listening = false;
      for (const ws of clients) ws.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    }
  };
}
