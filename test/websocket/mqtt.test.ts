/**
 * MQTT.js 5, unmodified, on the facade (its `createWebsocket` option) over the `wx`
 * profile, against an aedes broker behind a `ws` server on loopback. `forceNativeWebSocket`
 * makes MQTT.js use its browser transport on Node, the one a mini-program build runs.
 *
 * Node's Buffer pool is left as it is: MQTT.js sends Buffers that are small views into a
 * shared 8 KiB ArrayBuffer, and the facade must send exactly each view's bytes (the bug
 * hand-written shims have: sending `chunk.buffer`, the whole pool).
 */
import { once, type EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { createSocketApi, createWebSocketClass } from '../../src/index.js';
import { waitUntil } from '../support/wait.js';

const MiniWebSocket = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));
const made: WebSocket[] = [];

describe('MQTT.js over the facade', () => {
  let broker: Aedes;
  let http: Server;
  let wss: WebSocketServer;
  let url = '';
  const protocols: string[] = [];
  const disconnects: string[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    broker.on('clientDisconnect', (client) => disconnects.push(client.id));
    http = createServer();
    wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws) => {
      protocols.push(ws.protocol);
      const stream = createWebSocketStream(ws);
      stream.on('error', () => undefined);
      broker.handle(stream as never);
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/mqtt`;
  });

  afterAll(async () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  async function connect(clientId: string): Promise<MqttClient> {
    const client = mqtt.connect(url, {
      clientId,
      forceNativeWebSocket: true,
      createWebsocket: (address: string, subprotocols: string[]) => {
        const ws = new MiniWebSocket(address, subprotocols);
        made.push(ws);
        return ws;
      },
      reconnectPeriod: 0,
      connectTimeout: 5000
    });
    client.on('error', () => undefined);
    await once(client as unknown as EventEmitter, 'connect');
    return client;
  }

  function nextMessage(client: MqttClient): Promise<{ topic: string; payload: Buffer; retain: boolean; qos: number }> {
    return new Promise((resolve) =>
      client.once('message', (topic, payload, packet) => resolve({ topic, payload, retain: packet.retain, qos: packet.qos }))
    );
  }

  it('connects, subscribes, publishes QoS 0 and 1, gets a retained message, and disconnects cleanly', async () => {
    const client = await connect('facade-1');
    expect(protocols.at(-1)).toBe('mqtt');
    expect(made.at(-1)!.protocol).toBe('mqtt');

    await client.subscribeAsync('facade/#', { qos: 1 });

    const qos0 = nextMessage(client);
    await client.publishAsync('facade/zero', 'at most once', { qos: 0 });
    expect(await qos0).toMatchObject({ topic: 'facade/zero', qos: 0 });

    const qos1 = nextMessage(client);
    const binary = Buffer.from([0, 1, 2, 250, 255]);
    await client.publishAsync('facade/one', binary, { qos: 1 });
    const got = await qos1;
    expect(got).toMatchObject({ topic: 'facade/one', qos: 1 });
    expect([...got.payload]).toEqual([...binary]);

    await client.publishAsync('facade-retained/state', 'kept for later', { qos: 1, retain: true });
    const late = await connect('facade-2');
    const retained = nextMessage(late);
    await late.subscribeAsync('facade-retained/state', { qos: 1 });
    const kept = await retained;
    expect(kept.payload.toString()).toBe('kept for later');
    expect(kept.retain).toBe(true);

    const socket = made.at(-2)!;
    await client.endAsync();
    await late.endAsync();
    await waitUntil(() => disconnects.length === 2 && socket.readyState === MiniWebSocket.CLOSED);
    expect(disconnects.sort()).toEqual(['facade-1', 'facade-2']);
  });
});
