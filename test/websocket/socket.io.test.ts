/**
 * socket.io-client 4, unmodified, on the facade: its websocket transport made to build a
 * minisocket WebSocket (engine.io-client's documented way: a transport class in
 * `transports`), over the `wx` profile, against a real socket.io 4 server on loopback.
 */
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, WebSocket as WebSocketTransport, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi, createWebSocketClass } from '../../src/index.js';
import { waitUntil } from '../support/wait.js';

const MiniWebSocket = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));
const made: WebSocket[] = [];

/** The transport socket.io-client uses: its own browser WebSocket transport, building a MiniWebSocket. */
class MiniTransport extends WebSocketTransport {
  override createSocket(uri: string, protocols: string | string[] | undefined): WebSocket {
    const ws = new MiniWebSocket(uri, protocols);
    ws.binaryType = 'arraybuffer';
    made.push(ws);
    return ws;
  }
}

/** The next `name` event's arguments (socket.io's Socket is its own emitter, not Node's). */
function nextEvent(socket: Socket, name: string): Promise<unknown[]> {
  return new Promise((resolve) => socket.once(name as 'connect', (...args: unknown[]) => resolve(args)));
}

describe('socket.io-client over the facade', () => {
  let http: HttpServer;
  let ioServer: Server;
  let url = '';

  beforeAll(async () => {
    http = createServer();
    ioServer = new Server(http, { transports: ['websocket'] });
    ioServer.on('connection', (socket) => {
      socket.on('hello', (name: string, ack: (reply: string) => void) => ack(`hello ${name}`));
      socket.on('bytes', (data: Buffer, ack: (reply: Buffer) => void) => ack(Buffer.from([...data].reverse())));
      socket.on('push bytes', () => socket.emit('bytes', Buffer.from([0, 1, 254, 255])));
      socket.on('kick me', () => socket.disconnect(true));
      socket.on('drop me', () => socket.conn.close());
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => ioServer.close(() => resolve()));
  });

  const connect = (options: Parameters<typeof io>[1] = {}): Socket =>
    io(url, { transports: [MiniTransport], reconnection: false, ...options });

  it('connects, emits with an ack, sends binary both ways, and sees the server disconnect it', async () => {
    const before = made.length;
    const socket = connect();
    await nextEvent(socket, 'connect');
    expect(made.length).toBe(before + 1);
    expect(made.at(-1)!.readyState).toBe(MiniWebSocket.OPEN);

    expect(await socket.emitWithAck('hello', 'wx')).toBe('hello wx');

    const reversed = (await socket.emitWithAck('bytes', new Uint8Array([1, 2, 3, 250]))) as Buffer;
    expect([...reversed]).toEqual([250, 3, 2, 1]);

    const pushed = nextEvent(socket, 'bytes');
    socket.emit('push bytes');
    const [bytes] = (await pushed) as [Buffer];
    expect([...bytes]).toEqual([0, 1, 254, 255]);

    const disconnected = nextEvent(socket, 'disconnect');
    socket.emit('kick me');
    expect((await disconnected)[0]).toBe('io server disconnect');
    // The server's close frame is on its way: the socket ends, without a timed wait.
    await waitUntil(() => made.at(-1)!.readyState === MiniWebSocket.CLOSED);
  });

  it('reconnects by itself after the transport drops, on a new WebSocket instance', async () => {
    const before = made.length;
    const socket = connect({ reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    await nextEvent(socket, 'connect');
    const dropped = nextEvent(socket, 'disconnect');
    socket.emit('drop me');
    expect((await dropped)[0]).toBe('transport close');
    await nextEvent(socket, 'connect');
    expect(made.length).toBe(before + 2);
    expect(made.at(-2)!.readyState).toBe(MiniWebSocket.CLOSED);
    expect(await socket.emitWithAck('hello', 'again')).toBe('hello again');
    socket.disconnect();
  });
});
