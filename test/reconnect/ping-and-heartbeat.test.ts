/**
 * A reconnecting task's port, as the CLI's /ping uses it: ping() sends a ping frame on
 * whichever link is open, and pongs reach every subscriber, the heartbeat's and the
 * CLI's alike (they used to share one slot, so /ping did nothing on a reconnecting task
 * and could starve the heartbeat).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSocket, type ReconnectingSocketTask } from '../../src/index.js';
import { portOf } from '../../src/task/socket-task.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { record, waitUntil } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

it('/ping on a reconnecting task with a heartbeat: both hear every pong, on every link', async () => {
  // The heartbeat pings every 20 ms and gives a link 2 s to answer: a heartbeat that heard
  // no pong (its slot taken by the CLI) would end the link with HEARTBEAT_TIMEOUT.
  server.fault({ kind: 'drop', afterMs: 300 }, { times: 1 });
  const task = connectSocket({
    url: server.urlFor('/echo'),
    reconnect: { minDelay: 5, maxDelay: 20 },
    heartbeat: { interval: 20, timeout: 2000 }
  }) as ReconnectingSocketTask;
  const rec = record(task);
  const port = portOf(task)!;
  let pongs = 0;
  port.subscribe({ pong: () => pongs++ }); // what the CLI's connect does
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  expect(port.canPing).toBe(true);
  expect(port.ping()).toBe(true); // the CLI's /ping
  await waitUntil(() => pongs >= 3, 'pongs from /ping and the heartbeat');
  await rec.waitFor(() => rec.count('open') === 2, 'the second link after the drop');
  const before = pongs;
  expect(port.ping()).toBe(true);
  await waitUntil(() => pongs > before + 2, 'pongs on the second link');
  expect(rec.count('error')).toBe(0);
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
  expect(port.ping()).toBe(false);
});

it('ping() between links is false, not an exception', async () => {
  const task = connectSocket({
    url: server.urlFor('/drop'),
    reconnect: { minDelay: 50, maxDelay: 50, maxAttempts: 1 }
  }) as ReconnectingSocketTask;
  const rec = record(task);
  const port = portOf(task)!;
  await rec.waitFor(() => rec.count('reconnecting') === 1, 'between links');
  expect(port.ping()).toBe(false);
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
});
