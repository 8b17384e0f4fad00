/**
 * The reconnecting task on a platform profile, with the global functions: each link is an
 * ordinary task of the API object, so the globals follow the current link, and a global
 * closeSocket is the application's wish to stop (no reconnect).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type ReconnectingSocketTask, type SocketApi } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { record, waitUntil } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

/** A reconnecting task to `path` with a fast backoff. */
const connectFast = (api: SocketApi, path: string): ReconnectingSocketTask =>
  api.connectSocket({ url: server.urlFor(path), reconnect: { minDelay: 5, maxDelay: 20 } } as never) as ReconnectingSocketTask;

/** A WeChat API object (warnings dropped) and, on it, a reconnecting task to /echo. */
function wxWithTask(): { wx: SocketApi; task: ReconnectingSocketTask } {
  const wx = createSocketApi({ profile: 'wx', warn: () => undefined }) as SocketApi;
  return { wx, task: connectFast(wx, '/echo') };
}

it('wx: global onSocketOpen/onSocketClose see every link; global closeSocket ends the task for good', async () => {
  const wx = createSocketApi({ profile: 'wx', warn: () => undefined }) as SocketApi;
  const globalEvents: string[] = [];
  wx.onSocketOpen(() => globalEvents.push('open'));
  wx.onSocketClose(({ code }) => globalEvents.push(`close ${code}`));
  server.fault({ kind: 'drop', afterMs: 20 }, { times: 1 });
  const task = connectFast(wx, '/echo');
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 2, 'second link');
  const sent = await wx.sendSocketMessage({ data: 'global send' });
  expect(sent).toMatchObject({ errMsg: 'sendSocketMessage:ok' });
  await rec.waitFor(() => rec.count('message') === 1, 'echo');
  await wx.closeSocket({ code: 1000, reason: 'global' });
  await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
  expect(globalEvents).toEqual(['open', 'close 1006', 'open', 'close 1000']);
  expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open', 'message', 'close']);
  expect(rec.events.at(-1)).toMatchObject({ code: 1000, reason: 'global', readyState: 3 });
  const handshakes = server.handshakes.length;
  await new Promise((r) => setTimeout(r, 100));
  expect(server.handshakes.length).toBe(handshakes);
});

it('wx connection limit: a reconnecting task holds one slot at a time', async () => {
  const wx = createSocketApi({ profile: 'wx', warn: () => undefined });
  server.fault({ kind: 'drop', afterMs: 10 }, { times: 10 });
  const tasks = Array.from({ length: 5 }, () => connectFast(wx, '/echo'));
  const recs = tasks.map(record);
  await waitUntil(() => recs.every((r) => r.count('open') >= 2), 'every task reopened');
  expect(recs.every((r) => r.count('error') === 0)).toBe(true);
  for (const task of tasks) task.close({});
  await waitUntil(() => tasks.every((t) => t.readyState === t.CLOSED), 'closed');
});

it('wx connection limit reached while between links: the refused redial is an onError, and a later one opens', async () => {
  server.fault({ kind: 'drop', afterMs: 20 }, { times: 1 });
  const { wx, task } = wxWithTask();
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  const plain = Array.from({ length: 4 }, () => wx.connectSocket({ url: server.urlFor('/echo') }));
  // The link's slot is free inside onClose: take it, so the first redial meets the limit.
  const takeSlot = (): void => void plain.push(wx.connectSocket({ url: server.urlFor('/echo') }));
  task.onClose(takeSlot);
  await rec.waitFor(() => rec.count('error') === 1, 'refused redial');
  expect(rec.events.find((e) => e.type === 'error')).toMatchObject({
    errMsg: 'connectSocket:fail fail reach max websocket connect count 5'
  });
  task.offClose(takeSlot);
  plain.pop()!.close({});
  await rec.waitFor(() => rec.count('open') === 2, 'reopened once a slot was free');
  // Every redial made while the freed task was still closing (CLOSING holds its slot) is refused
  // too: how many depends on how long that close handshake takes, so each is checked, not counted.
  const types = rec.types((e) => e.type !== 'reconnecting');
  expect(types.slice(0, 3)).toEqual(['open', 'close', 'error']);
  expect(types.slice(3)).toEqual([...types.slice(3, -1).map(() => 'error'), 'open']);
  for (const error of rec.events.filter((e) => e.type === 'error'))
    expect(error).toMatchObject({ errMsg: 'connectSocket:fail fail reach max websocket connect count 5' });
  for (const t of [...plain, task]) t.close({});
  await waitUntil(() => [...plain, task].every((t) => t.readyState === t.CLOSED), 'closed');
});

it('wx: a global closeSocket that fails validation does not end the task: a later drop still reconnects', async () => {
  const { wx, task } = wxWithTask();
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  const refused = await wx.closeSocket({ code: 999 })!.then(
    () => 'closed',
    (error: { errCode: number }) => error.errCode
  );
  expect(refused).toBe(610008);
  // The server goes away and comes back: a failure, which the layer must recover from.
  await server.stop();
  await server.restart();
  await rec.waitFor(() => rec.count('open') === 2, 'reopened after the restart');
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
});

it('wx: the globals stay with a reconnecting task across its links, not the plain task made after it', async () => {
  const wx = createSocketApi({ profile: 'wx', warn: () => undefined }) as SocketApi;
  server.fault({ kind: 'drop', afterMs: 30 }, { times: 1 });
  const a = wx.connectSocket({
    url: server.urlFor('/echo?id=bind-a'),
    reconnect: { minDelay: 20, maxDelay: 40 }
  } as never) as ReconnectingSocketTask;
  const recA = record(a);
  await recA.waitFor(() => recA.count('open') === 1, 'a open');
  const b = wx.connectSocket({ url: server.urlFor('/echo?id=bind-b') });
  await new Promise((resolve) => b.onOpen(resolve));
  await recA.waitFor(() => recA.count('open') === 2, 'a reopened');
  await wx.sendSocketMessage({ data: 'to the bound task' });
  await waitUntil(
    () =>
      server.log('bind-a').connections.some((c) => c.messages.length > 0) ||
      server.log('bind-b').connections.some((c) => c.messages.length > 0),
    'the global send arrived'
  );
  expect(server.log('bind-b').connections[0]?.messages).toEqual([]);
  expect(
    server
      .log('bind-a')
      .connections.at(-1)
      ?.messages.map((m) => m.data)
  ).toEqual(['to the bound task']);
  a.close({});
  b.close({});
});
