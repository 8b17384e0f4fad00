/**
 * 1,000 connect/open/close rounds in one process leave nothing behind: no task (counted
 * with WeakRefs after a forced GC), no timer, no socket, no server-side listener.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { grownKinds, resources, serverSideClosed, settle } from '../support/leaks.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

/** One round: connect, open, a message both ways, close; listeners on every event. */
function round(api: ReturnType<typeof createSocketApi>, url: string): { ref: WeakRef<SocketTask>; done: Promise<void> } {
  const task = api.connectSocket({ url, timeout: 5000, success: () => undefined });
  const done = new Promise<void>((resolve, reject) => {
    task.onOpen(() => task.send({ data: 'ping', success: () => undefined }));
    task.onMessage(() => task.close({ code: 1000, reason: 'round over' }));
    task.onError((e) => reject(new Error(e.errMsg)));
    task.onClose(() => resolve());
  });
  return { ref: new WeakRef(task), done };
}

it('leaves no task, timer, socket or listener after 1,000 rounds', { timeout: 120_000 }, async () => {
  const api = createSocketApi({ maxConnections: 20 });
  const url = server.urlFor('/echo');
  await round(api, url).done; // warm up: first-use allocations are not leaks
  await settle();
  const before = resources();

  const refs: WeakRef<SocketTask>[] = [];
  const rounds = 1000;
  const parallel = 10;
  for (let i = 0; i < rounds; i += parallel) {
    const batch = Array.from({ length: parallel }, () => round(api, url));
    refs.push(...batch.map((b) => b.ref));
    await Promise.all(batch.map((b) => b.done));
  }
  await serverSideClosed(server);
  await settle();

  expect(refs).toHaveLength(rounds);
  expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  // Nothing of ours may remain; the runner's own timers may come and go, so compare per kind as at most.
  const after = resources();
  expect(grownKinds(before, after), `handles that grew: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`).toEqual([]);
  expect(server.connections.filter((c) => c.closed?.code !== 1000)).toHaveLength(0);
  expect(server.connections.filter((c) => c.closed?.reason === 'round over')).toHaveLength(rounds + 1);
  // The globals' bound task and the live list must be empty again: a send has nowhere to go.
  await expect(api.sendSocketMessage({ data: 'x' })).rejects.toMatchObject({ errCode: 10002 });
});
