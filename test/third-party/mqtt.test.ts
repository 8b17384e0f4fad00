/**
 * A third-party library that speaks wx.connectSocket, unmodified: mqtt.js v5's `wxs://`
 * transport (node_modules/mqtt/build/lib/connect/wx.js) on the installed `wx` global,
 * against an aedes MQTT broker served over a `ws` WebSocketServer on loopback.
 *
 * Two settings adapt the *environment* to a mini-program's, not the library:
 * - `forceNativeWebSocket: true` is mqtt.js's documented option for runtimes that are not
 *   Node; without it mqtt.js registers only its Node transports and never looks for `wx`.
 * - `Buffer.poolSize = 0`: the wx transport sends `chunk.buffer`, the whole ArrayBuffer
 *   under a Buffer. In a mini-program that is the `buffer` polyfill, which gives every
 *   Buffer its own ArrayBuffer; Node's Buffer slices small Buffers out of a shared 8 KiB
 *   pool, so without this the library would send the pool (the wx profile sends an
 *   ArrayBuffer whole, as WeChat does).
 */
import { once, type EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { installGlobals, type UninstallGlobals } from '../../src/testing/index.js';

describe('mqtt.js over wx.connectSocket', () => {
  let broker: Aedes;
  let http: Server;
  let wss: WebSocketServer;
  let port = 0;
  const poolSize = Buffer.poolSize;
  const handshakes: Array<{ url: string; protocol: string }> = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    http = createServer();
    wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws, request) => {
      handshakes.push({ url: request.url ?? '', protocol: ws.protocol });
      const stream = createWebSocketStream(ws);
      stream.on('error', () => undefined);
      broker.handle(stream as never);
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    port = (http.address() as AddressInfo).port;
    Buffer.poolSize = 0;
  });

  afterAll(async () => {
    Buffer.poolSize = poolSize;
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('connects, subscribes, publishes, receives its message, and ends', async () => {
    const uninstall: UninstallGlobals<'wx'> = installGlobals({
      profile: 'wx',
      routes: { 'wss://broker.example.com': `ws://127.0.0.1:${port}` },
      config: { domains: ['broker.example.com'], requireWss: true }
    });
    try {
      const client = mqtt.connect('wxs://broker.example.com/mqtt', {
        forceNativeWebSocket: true,
        clientId: 'minisocket-wx-test',
        reconnectPeriod: 0,
        connectTimeout: 5000
      });
      client.on('error', () => undefined);
      await once(client as unknown as EventEmitter, 'connect');
      expect(handshakes).toEqual([{ url: '/mqtt', protocol: 'mqtt' }]);

      await client.subscribeAsync('minisocket/test', { qos: 1 });
      const received = once(client as unknown as EventEmitter, 'message');
      const binary = Buffer.from([0, 1, 2, 250, 255]);
      await client.publishAsync('minisocket/test', 'hello from wx.connectSocket', { qos: 1 });
      const [topic, payload] = (await received) as [string, Buffer];
      expect(topic).toBe('minisocket/test');
      expect(payload.toString('utf8')).toBe('hello from wx.connectSocket');

      const second = once(client as unknown as EventEmitter, 'message');
      await client.publishAsync('minisocket/test', binary, { qos: 0 });
      expect(Buffer.compare((await second)[1] as Buffer, binary)).toBe(0);

      const closed = once(client as unknown as EventEmitter, 'close');
      await client.endAsync();
      await closed;
      expect(client.connected).toBe(false);
      // The broker saw a clean disconnect.
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('broker still counts the client')), 2000);
        const check = (): void => {
          if (broker.connectedClients === 0) {
            clearTimeout(deadline);
            resolve();
          } else setTimeout(check, 5);
        };
        check();
      });
    } finally {
      uninstall();
    }
  });
});
