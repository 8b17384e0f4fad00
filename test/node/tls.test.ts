/**
 * TLS: verification is on by default, config.ca adds trust, and the timing profile
 * reports when the TLS handshake ended.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSocketApi, ErrCode, type OnSocketOpenResult, type SocketTask } from '../../src/index.js';

const cert = readFileSync(new URL('../fixtures/localhost-cert.pem', import.meta.url), 'utf8');
const key = readFileSync(new URL('../fixtures/localhost-key.pem', import.meta.url), 'utf8');
let https: Server;
let url: string;

beforeAll(async () => {
  https = createServer({ cert, key });
  const wss = new WebSocketServer({ server: https });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  url = `wss://localhost:${(https.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  https.closeAllConnections();
  await new Promise((resolve) => https.close(resolve));
});

function outcome(task: SocketTask): Promise<string[]> {
  const events: string[] = [];
  return new Promise((resolve) => {
    task.onOpen(() => {
      events.push('open');
      task.send({ data: 'over tls' });
    });
    task.onMessage(({ data }) => {
      events.push(`message ${String(data)}`);
      task.close({});
    });
    task.onError((e) => events.push(`error ${e.errCode} ${e.errMsg}`));
    task.onClose((c) => {
      events.push(`close ${c.code}`);
      resolve(events);
    });
  });
}

it('refuses a certificate nobody vouches for', async () => {
  const api = createSocketApi();
  const events = await outcome(api.connectSocket({ url }));
  expect(events).toEqual([
    `error ${ErrCode.TLS_FAILED} connectSocket:fail tls handshake failed: DEPTH_ZERO_SELF_SIGNED_CERT`,
    'close 1006'
  ]);
});

it('trusts a CA given in config and reports the TLS timing', async () => {
  const api = createSocketApi({ ca: cert });
  const task = api.connectSocket({ url });
  const opened = new Promise<OnSocketOpenResult>((resolve) => task.onOpen(resolve));
  const events = await outcome(task);
  expect(events).toEqual(['open', 'message over tls', 'close 1000']);
  const { profile } = await opened;
  expect(profile?.SSLconnectionEnd).toBeGreaterThanOrEqual(profile!.connectEnd);
  expect(profile!.cost).toBeGreaterThanOrEqual(profile!.handshakeCost);
});

it('connects without verification only when config says so', async () => {
  const api = createSocketApi({ rejectUnauthorized: false });
  expect(await outcome(api.connectSocket({ url }))).toEqual(['open', 'message over tls', 'close 1000']);
});

it('reports a wss: dial to a plain-text server as a TLS failure', async () => {
  const { createTestServer } = await import('../../src/testing/index.js');
  const plain = await createTestServer();
  try {
    const events = await outcome(createSocketApi().connectSocket({ url: plain.url.replace('ws:', 'wss:') }));
    expect(events).toEqual([`error ${ErrCode.TLS_FAILED} connectSocket:fail tls handshake failed: EPROTO`, 'close 1006']);
  } finally {
    await plain.close();
  }
});
