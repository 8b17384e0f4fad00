/**
 * Issue 11, finding 12: singleSocket displaces the bound task; its onClose still belongs to
 * the global onSocketClose. The registry kept one "ended bound task" slot, so when the
 * server answered the displaced task's close frame late, after the next bound task had
 * been displaced too, the first one's onClose never reached onSocketClose.
 *
 * A raw server (test/support/raw-server.ts) that holds each close-frame reply until the test releases it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type SocketTask } from '../../src/index.js';
import { createRawServer, type RawServer } from '../support/raw-server.js';
import { waitUntil } from '../support/wait.js';

let server: RawServer;
/** Per connection, in accept order: releases the held close reply (set once the client's close frame came). */
const held: ((() => void) | undefined)[] = [];

beforeAll(async () => {
  server = await createRawServer((connection, frame) => {
    // The client's close frame (opcode 8): answered only when released.
    if (frame.opcode === 0x8) held[connection.index] = () => connection.socket.end(Buffer.from([0x88, 2, 0x03, 0xe8]));
  });
});

afterAll(() => server.close());

it("a displaced bound task's late onClose reaches onSocketClose, even after the next one was displaced too", async () => {
  const api = createSocketApi({ profile: 'wx', singleSocket: true });
  const globalCloses: number[] = [];
  const url = server.url;
  const taskCloses: string[] = [];
  const open = async (name: string): Promise<SocketTask> => {
    const task = api.connectSocket({ url });
    let opened = false;
    task.onOpen(() => (opened = true));
    task.onClose(() => taskCloses.push(name));
    await waitUntil(() => opened, `${name} open`);
    return task;
  };
  api.onSocketClose((result) => globalCloses.push(result.code));
  await open('a');
  await open('b'); // displaces a: a's close frame waits for its reply
  await waitUntil(() => held[0] !== undefined, "a's close frame at the server");
  const c = await open('c'); // displaces b
  await waitUntil(() => held[1] !== undefined, "b's close frame at the server");
  held[0]!(); // a's reply comes late, after b was displaced too
  await waitUntil(() => taskCloses.includes('a'), 'a closed');
  held[1]!();
  await waitUntil(() => taskCloses.includes('b'), 'b closed');
  // Both displaced bound tasks told the global slot of their end.
  expect(globalCloses).toEqual([1000, 1000]);
  c.close({});
  await waitUntil(() => held[2] !== undefined, "c's close frame");
  held[2]!();
  await waitUntil(() => taskCloses.includes('c'), 'c closed');
  expect(globalCloses).toEqual([1000, 1000, 1000]);
});

it('the registry keeps every ended bound task until its onClose, and none that was refused', async () => {
  const { Registry } = await import('../../src/api/registry.js');
  const r = new Registry<{ readyState: 0 | 1 | 2 | 3 }>(Infinity);
  const [a, b, c, refused] = [{ readyState: 1 }, { readyState: 1 }, { readyState: 1 }, { readyState: 3 }] as const;
  r.admit(a, 1, false);
  r.ended(a);
  r.admit(b, 2, false);
  r.ended(b);
  r.admit(c, 3, false);
  expect([r.isBound(a), r.isBound(b), r.isBound(c)]).toEqual([true, true, true]);
  r.closed(a);
  r.closed(b);
  expect([r.isBound(a), r.isBound(b)]).toEqual([false, false]);
  r.ended(c);
  r.closed(c);
  r.admit(refused, 4, false);
  r.ended(refused, true);
  expect(r.isBound(refused)).toBe(false);
});
