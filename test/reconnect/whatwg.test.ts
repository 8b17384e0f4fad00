/**
 * The layer over a WHATWG WebSocket engine (undici's, as in a browser): no ping frames, so
 * the heartbeat needs an application message, and says so when it has none.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket as UndiciWebSocket } from 'undici';
import { createSocketApi, ErrCode, type ReconnectingSocketTask, type WebSocketConstructorLike } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { record } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

function api(warnings: string[]) {
  return createSocketApi({ WebSocket: UndiciWebSocket as unknown as WebSocketConstructorLike, warn: (m) => warnings.push(m) });
}

it('without heartbeat.message the heartbeat is off, and the warning channel says why', async () => {
  const warnings: string[] = [];
  const task = api(warnings).connectSocket({
    url: server.urlFor('/no-pong'),
    heartbeat: { interval: 10, timeout: 20 }
  } as never) as ReconnectingSocketTask;
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  await new Promise((r) => setTimeout(r, 200));
  expect(rec.types()).toEqual(['open']);
  expect(warnings).toContain('heartbeat is off: this engine cannot send ping frames; set heartbeat.message to use an application message');
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
});

it('with heartbeat.message: a server that never answers is detected, the link ends 1006 and is redialled', async () => {
  const off = server.onConnection(() => undefined); // '/silent' is no scenario: no echo while a handler exists
  try {
    const task = api([]).connectSocket({
      url: server.urlFor('/silent'),
      reconnect: { minDelay: 5, maxDelay: 20, maxAttempts: 0 },
      heartbeat: { interval: 20, timeout: 50, message: '{"type":"ping"}' }
    } as never) as ReconnectingSocketTask;
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(rec.types()).toEqual(['open', 'error', 'giveup', 'close']);
    expect(rec.events[1]).toMatchObject({ errCode: ErrCode.HEARTBEAT_TIMEOUT });
    expect(rec.events[2]).toMatchObject({ errMsg: 'connectSocket:fail gave up reconnecting: maxAttempts is 0' });
    expect(rec.events.at(-1)).toMatchObject({ code: 1006, readyState: 3 });
    const pings = server.connections.find((c) => c.path === '/silent')!.messages.map((m) => m.data);
    expect(pings.length).toBeGreaterThan(0);
    expect(pings.every((p) => p === '{"type":"ping"}')).toBe(true);
  } finally {
    off();
  }
});
