/**
 * The test server's faults proven on their own, with a raw `ws` client: each does on the
 * wire what its name says, so a reconnect test failure points at the layer, not the server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { waitUntil } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

interface Dialled {
  opened: boolean;
  status?: number;
  errors: string[];
  messages: string[];
  close?: { code: number; reason: string };
  pongs: number;
  ws: WebSocket;
}

function dial(path: string): Dialled {
  const ws = new WebSocket(server.urlFor(path));
  const out: Dialled = { opened: false, errors: [], messages: [], pongs: 0, ws };
  ws.on('open', () => (out.opened = true));
  ws.on('unexpected-response', (_request, response) => {
    out.status = response.statusCode;
    ws.terminate();
  });
  ws.on('error', (error) => out.errors.push((error as NodeJS.ErrnoException).code ?? error.message));
  ws.on('message', (data) => out.messages.push(String(data)));
  ws.on('pong', () => out.pongs++);
  ws.on('close', (code, reason) => (out.close = { code, reason: reason.toString() }));
  return out;
}

const closed = (d: Dialled): Promise<void> => waitUntil(() => d.close !== undefined, 'client closed');

it('status: the next handshakes get that HTTP status, `times` bounds how many', async () => {
  server.fault({ kind: 'status', status: 403 }, { times: 1 });
  const first = dial('/echo');
  await closed(first);
  expect(first).toMatchObject({ opened: false, status: 403 });
  const second = dial('/echo');
  await waitUntil(() => second.opened, 'second opens');
  second.ws.close();
  await closed(second);
});

it('no-handshake (by fault and by path): TCP accepted, the upgrade never answered', async () => {
  server.fault({ kind: 'no-handshake' }, { times: 1 });
  const before = server.handshakes.length;
  const byFault = dial('/echo');
  const byPath = dial('/no-handshake');
  await waitUntil(() => server.handshakes.length === before + 2, 'both handshakes recorded');
  await new Promise((r) => setTimeout(r, 100));
  expect(byFault.opened || byPath.opened).toBe(false);
  byFault.ws.terminate();
  byPath.ws.terminate();
  await Promise.all([closed(byFault), closed(byPath)]);
});

it('no-pong: echoes but never answers a ping; other connections still get pongs', async () => {
  const silent = dial('/no-pong');
  const normal = dial('/echo');
  await waitUntil(() => silent.opened && normal.opened, 'both open');
  silent.ws.ping();
  normal.ws.ping();
  silent.ws.send('still echoes');
  await waitUntil(() => normal.pongs === 1 && silent.messages.length === 1, 'pong on the normal link, echo on the silent one');
  await new Promise((r) => setTimeout(r, 100));
  expect(silent.pongs).toBe(0);
  silent.ws.close();
  normal.ws.close();
  await Promise.all([closed(silent), closed(normal)]);
});

it('drop-mid-message: the client opens, gets no message and sees 1006', async () => {
  const d = dial('/drop-mid-message');
  await closed(d);
  expect(d.opened).toBe(true);
  expect(d.messages).toEqual([]);
  expect(d.close?.code).toBe(1006);
});

it('close and drop faults: the chosen code and reason; a drop without a close frame', async () => {
  server.fault({ kind: 'close', code: 4321, reason: 'chosen' }, { times: 1 });
  const c = dial('/echo');
  await closed(c);
  expect(c.close).toEqual({ code: 4321, reason: 'chosen' });
  server.fault({ kind: 'drop', afterMs: 10 }, { times: 1 });
  const d = dial('/echo');
  await closed(d);
  expect(d).toMatchObject({ opened: true, close: { code: 1006, reason: '' } });
});

it('stop refuses connections and drops the open ones; restart listens on the same port', async () => {
  const open = dial('/echo');
  await waitUntil(() => open.opened, 'open');
  await server.stop();
  await closed(open);
  expect(open.close?.code).toBe(1006);
  const refused = dial('/echo');
  await closed(refused);
  expect(refused.errors).toContain('ECONNREFUSED');
  await server.restart();
  const back = dial('/echo');
  await waitUntil(() => back.opened, 'open after restart');
  expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
  back.ws.close();
  await closed(back);
});
