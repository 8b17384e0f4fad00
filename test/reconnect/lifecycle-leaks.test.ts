/**
 * 1,000 reconnecting tasks with lifecycle hooks, ended every way (close() while open,
 * close() while offline and between links with the network re-check running, give-up on a
 * final code, give-up after a beforeRedial that keeps failing), leave nothing behind: no
 * task (WeakRefs after a forced GC), no timer, no socket, no platform listener.
 * The counting and the forced GC are test/support/leaks.ts's, as in test/node/leaks.test.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type ReconnectingSocketTask } from '../../src/index.js';
import { createPlatformEvents, createTestServer, type PlatformEvents, type TestServer } from '../../src/testing/index.js';
import { grownKinds, resources, serverSideClosed, settle } from '../support/leaks.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Api = ReturnType<typeof createSocketApi>;

/** One round, ended the way `kind` says; resolves once the task has ended for good. */
function round(api: Api, kind: number): { ref: WeakRef<ReconnectingSocketTask>; platform: PlatformEvents; done: Promise<string> } {
  const platform = createPlatformEvents({ suspendAfter: 0 });
  const path = ['/echo', '/echo', '/close/4001/kicked', '/status/503', '/drop-after/5'][kind]!;
  const task = api.connectSocket({
    url: server.urlFor(path),
    timeout: 5000,
    heartbeat: kind === 2 ? { interval: 1000, timeout: 1000 } : undefined,
    reconnect: {
      minDelay: kind === 3 ? 60_000 : 1,
      maxDelay: 60_000,
      maxAttempts: 3,
      finalCodes: [4001],
      lifecycle: platform,
      beforeRedial: kind === 4 ? () => Promise.reject(new Error('no token')) : undefined,
      shouldReconnect: kind === 4 ? () => true : undefined
    }
  } as never) as ReconnectingSocketTask;
  const done = new Promise<string>((resolve) => {
    let opened = false;
    task.onOpen(async () => {
      if (opened) return;
      opened = true;
      if (kind === 0) {
        platform.hide();
        await tick();
        platform.show();
        await tick();
        task.send({ data: 'after show', success: () => undefined });
        task.close({ code: 1000, reason: 'round over' });
      } else if (kind === 1) {
        platform.setNetwork('none');
        await tick();
        await tick();
        task.close({ code: 1000, reason: 'round over' });
      }
    });
    task.onReconnecting(({ reason }) => {
      // kind 3: refused and waiting a minute; go offline (the network re-check starts), then close between links.
      if (kind === 3 && reason === 'error') platform.setNetwork('none');
      if (kind === 3 && reason === 'offline') task.close({});
    });
    task.onError(() => undefined);
    task.onGiveUp(() => undefined);
    task.onClose(() => task.readyState === task.CLOSED && resolve(`ended ${kind}`));
  });
  return { ref: new WeakRef(task), platform, done };
}

it('leaves no task, timer, socket or platform listener after 1,000 lifecycle rounds', { timeout: 180_000 }, async () => {
  const api = createSocketApi({ maxConnections: 20, warn: () => undefined });
  await Promise.all([0, 1, 2, 3, 4].map((kind) => round(api, kind).done)); // warm up
  await settle();
  const before = resources();

  const refs: WeakRef<ReconnectingSocketTask>[] = [];
  const platforms: PlatformEvents[] = [];
  const rounds = 1000;
  const parallel = 10;
  const ended: Record<string, number> = {};
  for (let i = 0; i < rounds; i += parallel) {
    const batch = Array.from({ length: parallel }, (_, j) => round(api, (i + j) % 5));
    refs.push(...batch.map((b) => b.ref));
    platforms.push(...batch.map((b) => b.platform));
    for (const how of await Promise.all(batch.map((b) => b.done))) ended[how] = (ended[how] ?? 0) + 1;
  }
  await serverSideClosed(server);
  await settle();

  expect(ended).toEqual({ 'ended 0': 200, 'ended 1': 200, 'ended 2': 200, 'ended 3': 200, 'ended 4': 200 });
  expect(platforms.filter((p) => p.listenerCount() !== 0)).toHaveLength(0);
  expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  const after = resources();
  expect(grownKinds(before, after), `handles that grew: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`).toEqual([]);
  await expect(api.sendSocketMessage({ data: 'x' })).rejects.toMatchObject({ errCode: 10002 });
});
