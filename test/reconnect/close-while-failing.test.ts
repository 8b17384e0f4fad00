/**
 * close() on a reconnecting task while a link is failing or closing: close() from onError
 * ends the task with the close asked for (no redial), and the heartbeat stops at close(),
 * so a slow closing handshake is not reported as a dead link.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { expectEndedForGood, record } from './helpers.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

it('close() inside onError of a failing attempt ends the task with the close asked for', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const task = api.connectSocket({ url: server.urlFor('/status/500'), reconnect: { minDelay: 5, maxDelay: 10 } });
  const rec = record(task);
  const outcome: string[] = [];
  task.onError(() =>
    task.close({ code: 4000, reason: 'stop', success: () => outcome.push('success'), fail: (e) => outcome.push(`fail ${e.errCode}`) })
  );
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
