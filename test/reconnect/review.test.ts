/**
 * Findings of the second review, each a test against a real server: hostile settings never
 * throw, close() from onError ends the task with the close asked for, the heartbeat stops
 * at close(), and the globals stay with a reconnecting task across its links.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type ReconnectingSocketTask, type SocketApi, type SocketError } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { expectEndedForGood, record, waitUntil } from './helpers.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

it('hostile reconnect and heartbeat settings are refused, never thrown', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = Object.defineProperty([], 0, { get: () => { throw new Error('boom'); }, enumerable: true });
  const prototypeTrap = new Proxy({}, { getPrototypeOf: () => { throw new Error('boom'); } });
  const settings: unknown[] = [
    { reconnect: revoked.proxy },
    { reconnect: { finalCodes: revoked.proxy } },
    { reconnect: { finalCodes: throwing } },
    { heartbeat: { message: prototypeTrap } }
  ];
  for (const extra of settings) {
    const failed = await new Promise<SocketError>((resolve, reject) => {
      try {
        api.connectSocket({ url: server.urlFor('/echo'), ...(extra as object), fail: resolve });
      } catch (error) {
        reject(new Error(`threw: ${String(error)}`));
      }
    });
    expect(failed.errCode).toBe(ErrCode.INVALID_OPTIONS);
  }
});

it('close() inside onError of a failing attempt ends the task with the close asked for', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const task = api.connectSocket({ url: server.urlFor('/status/500'), reconnect: { minDelay: 5, maxDelay: 10 } });
  const rec = record(task);
  const outcome: string[] = [];
  task.onError(() => task.close({ code: 4000, reason: 'stop', success: () => outcome.push('success'), fail: (e) => outcome.push(`fail ${e.errCode}`) }));
  await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
  const dialled = server.handshakes.length;
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(outcome).toEqual(['success']);
  expect(rec.types()).toEqual(['error', 'close']);
  expect(rec.events.at(-1)).toMatchObject({ code: 4000, reason: 'stop' });
  expectEndedForGood(rec);
  expect(server.handshakes.length, 'no redial after close()').toBe(dialled);
});

it('the heartbeat stops at close(): a slow closing handshake is not reported as a dead link', async () => {
  const own = await createTestServer();
  try {
    const warnings: string[] = [];
    const api = createSocketApi({ warn: (m) => warnings.push(m) });
    const task = api.connectSocket({ url: own.urlFor('/no-close-reply'), heartbeat: { interval: 30, timeout: 60, message: 'ping' } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    task.close({ code: 4000, reason: 'bye' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // several heartbeat periods
    expect(rec.types()).toEqual(['open']);
    expect(warnings.filter((w) => w.includes('sendSocketMessage'))).toEqual([]);
  } finally {
    await own.close();
  }
});

it('wx: the globals stay with a reconnecting task across its links, not the plain task made after it', async () => {
  const wx = createSocketApi({ profile: 'wx', warn: () => undefined }) as SocketApi;
  server.fault({ kind: 'drop', afterMs: 30 }, { times: 1 });
  const a = wx.connectSocket({ url: server.urlFor('/echo?id=bind-a'), reconnect: { minDelay: 20, maxDelay: 40 } } as never) as ReconnectingSocketTask;
  const recA = record(a);
  await recA.waitFor(() => recA.count('open') === 1, 'a open');
  const b = wx.connectSocket({ url: server.urlFor('/echo?id=bind-b') });
  await new Promise((resolve) => b.onOpen(resolve));
  await recA.waitFor(() => recA.count('open') === 2, 'a reopened');
  await wx.sendSocketMessage({ data: 'to the bound task' });
  await waitUntil(() => server.log('bind-a').connections.some((c) => c.messages.length > 0) || server.log('bind-b').connections.some((c) => c.messages.length > 0), 'the global send arrived');
  expect(server.log('bind-b').connections[0]?.messages).toEqual([]);
  expect(server.log('bind-a').connections.at(-1)?.messages.map((m) => m.data)).toEqual(['to the bound task']);
  a.close({});
  b.close({});
});
