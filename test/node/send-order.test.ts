/**
 * Send outcomes come in send order even when the server's close frame arrives while earlier
 * sends still wait to be written (issue 11, finding 2). A real ws server on loopback that
 * stops reading, closes 4000, then drops the TCP connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSocketApi, ErrCode } from '../../src/index.js';

let http: Server;
let url: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  http = createServer();
  http.on('upgrade', (request, socket, head) => {
    const raw = socket as Socket;
    sockets.add(raw);
    wss.handleUpgrade(request, raw, head, (ws) => {
      raw.pause(); // stop reading: the client's writes back up in its own buffers
      setTimeout(() => ws.close(4000, 'going'), 300);
      setTimeout(() => raw.destroy(), 700);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => http.close(resolve));
});

it('a send made after the close frame arrived gets its fail after the earlier unwritten sends', async () => {
  const task = createSocketApi({ warn: () => undefined }).connectSocket({ url });
  const outcomes: string[] = [];
  const send = (i: number, data: string | ArrayBuffer): void =>
    task.send({ data, success: () => outcomes.push(`${i} success`), fail: (e) => outcomes.push(`${i} fail ${e.errCode}`) });
  const closed = new Promise<number>((resolve) => task.onClose(({ code }) => resolve(code)));
  await new Promise((resolve) => task.onOpen(resolve));
  for (let i = 0; i < 8; i++) send(i, new ArrayBuffer(1024 * 1024));
  await new Promise((resolve) => setTimeout(resolve, 400));
  send(8, 'after the close frame');
  await closed;
  expect(outcomes).toHaveLength(9);
  const order = outcomes.map((o) => Number(o.split(' ')[0]));
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  // Refused by the task (not open) or failed by the engine (closing): either way, not written.
  expect([`8 fail ${ErrCode.NOT_CONNECTED}`, `8 fail ${ErrCode.CLOSED_BEFORE_WRITE}`]).toContain(outcomes[8]);
});
