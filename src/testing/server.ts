/**
 * createTestServer(): a real `ws` server on a node:http server, bound to loopback on an
 * ephemeral port, that logs every handshake and message and plays the path-based
 * scenarios of scenarios.ts. Its log is also served at `GET /__log?id=...` (CORS open) so
 * that a test in a browser page can ask what the server saw.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from '../engines/ws-node.js';
import { runScenario } from './behaviours.js';
import { encode, kClaim, kReady, TestConnectionImpl, type Arrival, type ConnectionHost } from './connection.js';
import { answerPings, faultAfterUpgrade, faultBeforeUpgrade, FaultPlan, type Fault } from './faults.js';
import { filterLog, flattenHeaders, messageRecord, offeredProtocols } from './log.js';
import { parseScenario, type Scenario } from './scenarios.js';
import { serveStatic } from './static.js';
import type { ConnectionHandler, ConnectionRecord, Handshake, HandshakeRecord, ServerLog, TestServer, TestServerOptions } from './types.js';
import { checkTimeout, DEFAULT_TIMEOUT, notify, previewList, waitForChange, type Changes } from './wait.js';

interface Target {
  path: string;
  id: string | undefined;
  scenario: Scenario;
  record?: HandshakeRecord;
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

function serveLog(request: IncomingMessage, response: ServerResponse, log: ServerLog): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  // Connection: close, so that a fetch of the log leaves no keep-alive socket behind in the test process.
  response.setHeader('Access-Control-Allow-Origin', '*');
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

function handshakeOf(request: IncomingMessage, target: Target, record: HandshakeRecord): Handshake {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url ?? '/', 'http://localhost').searchParams) query[name] = value;
  return { path: target.path, query, headers: record.headers, protocols: record.protocols, url: record.url };
}

/** What the handshakes that never became a connection got, for a nextConnection timeout. */
function unopened(handshakes: HandshakeRecord[], connections: ConnectionRecord[]): string {
  const opened = connections.length;
  const extra = handshakes.length - opened;
  if (handshakes.length === 0) return 'no client even started a handshake';
  if (extra <= 0)
    return `${opened} connection(s) arrived, all handed out by earlier nextConnection calls (paths: ${previewList(connections.map((c) => c.url))})`;
  return `${handshakes.length} handshake(s), ${extra} not opened (faults or scenarios such as /status/<n> and /hang: ${previewList(handshakes.map((h) => h.url))})`;
}

/** A JSON server: messages are parsed values (`M`, unknown unless you name it) and `send` serializes. */
export function createTestServer<M = unknown>(options: TestServerOptions & { json: true }): Promise<TestServer<M>>;
export function createTestServer(options?: TestServerOptions): Promise<TestServer>;
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer<unknown>> {
  if (typeof options !== 'object' || options === null) throw new TypeError('minisocket/testing: createTestServer takes an options object');
  const timeout = checkTimeout(options.timeout, 'createTestServer') ?? DEFAULT_TIMEOUT;
  const json = options.json === true;
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

  /** Told of every connection, message and close: the bounded waits re-check on each. */
  const changes: Changes = new Set();
  const arrivals: Arrival<unknown>[] = [];
  const connectionHost: ConnectionHost<unknown> = { changes, json, timeout, arrivals };
  /** Accepted connections that no nextConnection call has taken yet, oldest first. */
  const unclaimed: TestConnectionImpl<unknown>[] = [];
  const open = new Set<TestConnectionImpl<unknown>>();
  /** nextConnection calls waiting for a connection: a connection opening while one waits is scripted (no echo). */
  let waitingForConnection = 0;
  /** Bumped by reset() and close(): a wait started before fails instead of seeing the next test's traffic. */
  let generation = 0;
  let closedForGood = false;

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
    if (options.static === undefined || !serveStatic(options.static, request, response)) serveLog(request, response, log);
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
    target.record = handshake;
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
    // Decided before the handlers run: a handler that unsubscribes itself must not turn the echo back on.
    const scripted = options.echo === false || handlers.size > 0 || waitingForConnection > 0;
    const defaultEcho = target.scenario.kind === 'echo' && !target.scenario.explicit;
    const connection = new TestConnectionImpl(
      ws,
      socket,
      handshakeOf(request, target, target.record!),
      connectionHost,
      fault === undefined && defaultEcho && !scripted,
      // A fault or /stop-reading: the server does not read, so the readiness pong would never be heard.
      fault === undefined && target.scenario.kind !== 'stop-reading'
    );
    open.add(connection);
    ws.on('close', () => open.delete(connection));
    unclaimed.push(connection);
    notify(changes);
    if (fault !== undefined) return faultAfterUpgrade(fault, ws, socket);
    for (const handler of [...handlers]) handler(ws, request);
    // The default echo is the connection's own (it stops when a test takes it); the scenario runs the rest.
    runScenario(target.scenario, ws, socket, request, false, roomFor(target));
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

  /** Fails a wait started before a reset() or close() instead of letting it see later traffic. */
  const guard = (started: number, what: string): void => {
    if (closedForGood) throw new Error(`minisocket/testing: the server was closed while waiting for ${what}`);
    if (generation !== started) throw new Error(`minisocket/testing: server.reset() ran while waiting for ${what}`);
  };

  async function nextConnection(waitOptions?: { timeout?: number }): Promise<TestConnectionImpl<unknown>> {
    const wait = checkTimeout(waitOptions?.timeout, 'nextConnection') ?? timeout;
    const started = generation;
    waitingForConnection++;
    let connection: TestConnectionImpl<unknown>;
    try {
      connection = await waitForChange(
        changes,
        () => {
          guard(started, 'a connection');
          const next = unclaimed.shift();
          return next === undefined ? undefined : { value: next };
        },
        wait,
        () => new Error(`minisocket/testing: expected a connection within ${wait} ms, got none (${unopened(handshakes, connections)})`)
      );
    } finally {
      waitingForConnection--;
    }
    connection[kClaim]();
    await connection[kReady]();
    return connection;
  }

  function nextMessage(waitOptions?: { timeout?: number }): Promise<unknown> {
    const wait = checkTimeout(waitOptions?.timeout, 'nextMessage') ?? timeout;
    const started = generation;
    return waitForChange(
      changes,
      () => {
        guard(started, 'a message');
        const next = arrivals.find((arrival) => !arrival.taken);
        if (next === undefined) return undefined;
        next.taken = true;
        return { value: next.value };
      },
      wait,
      () => {
        const seen =
          arrivals.length === 0 ? 'no message at all' : `only earlier messages, all taken: ${previewList(arrivals.map((a) => a.value))}`;
        const conns = open.size === 0 ? 'no connection is open' : `${open.size} connection(s) open`;
        return new Error(
          `minisocket/testing: expected the server to receive a message within ${wait} ms, got nothing (it received ${seen}; ${conns})`
        );
      }
    );
  }

  /** Ends every connection and waits until each has closed, so nothing of this test leaks into the next. */
  const terminateAll = async (): Promise<void> => {
    const closing = [...clients].map(
      (ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())))
    );
    dropAll();
    await Promise.all(closing);
  };

  return {
    url,
    port,
    handshakes,
    connections,
    timeout,
    get messages() {
      return arrivals.map((arrival) => arrival.value);
    },
    nextConnection,
    nextMessage,
    send(data) {
      const { payload, binary } = encode(data, json);
      let sent = 0;
      for (const ws of clients) {
        if (ws.readyState !== ws.OPEN) continue;
        ws.send(payload, { binary });
        sent++;
      }
      return sent;
    },
    async reset() {
      generation++;
      notify(changes);
      await terminateAll();
      handshakes.length = 0;
      connections.length = 0;
      arrivals.length = 0;
      unclaimed.length = 0;
      faults.set(undefined);
    },
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
      closedForGood = true;
      notify(changes);
      dropAll();
      wss.close();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    }
  };
}
