/**
 * uni-app x's 16 MiB rule against a server that stops reading: the send that would take
 * the queue past 16 MiB fails with 10001, then onError, then onClose 1006, and every
 * other send still gets exactly one outcome.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type SocketError } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

it('fails the send that overflows 16 MiB with 10001, then error, then close 1006', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const task = api.connectSocket({ url: server.urlFor('/stop-reading') });
  const events: string[] = [];
  const outcomes = new Map<number, string[]>();
  const chunk = 1024 * 1024;
  const sends = 48; // 48 MiB offered: far past what loopback's kernel buffers plus 16 MiB can hold

  await new Promise<void>((resolve) => {
    task.onOpen(() => {
      // Let the server's pause take effect before filling its receive buffer.
      setTimeout(() => {
        for (let i = 0; i < sends; i++) {
          outcomes.set(i, []);
          task.send({
            data: new ArrayBuffer(chunk),
            success: () => outcomes.get(i)!.push('success'),
            fail: (e: SocketError) => {
              outcomes.get(i)!.push(`fail ${e.errCode}`);
              events.push(`send ${i} fail ${e.errCode}`);
            }
          });
        }
      }, 50);
    });
    task.onError((e) => events.push(`error ${e.errCode} ${e.errMsg}`));
    task.onClose((c) => {
      events.push(`close ${c.code}`);
      resolve();
    });
  });

  const overflowed = [...outcomes.entries()].filter(([, o]) => o[0] === `fail ${ErrCode.SEND_QUEUE_FULL}`);
  expect(overflowed).toHaveLength(1);
  const first = overflowed[0]![0];
  // Everything before the overflowing send was accepted; it gets success or "closed before written".
  expect(first).toBeGreaterThanOrEqual(16);
  for (const [i, o] of outcomes) {
    expect(o, `send ${i}`).toHaveLength(1);
    if (i > first) expect(o[0], `send ${i} after the overflow`).toBe(`fail ${ErrCode.NOT_CONNECTED}`);
    if (i < first) expect(['success', `fail ${ErrCode.CLOSED_BEFORE_WRITE}`]).toContain(o[0]);
  }
  const tail = events.filter((e) => !e.startsWith('send ') || e.startsWith(`send ${first} `));
  expect(tail).toEqual([
    `send ${first} fail ${ErrCode.SEND_QUEUE_FULL}`,
    `error ${ErrCode.SEND_QUEUE_FULL} sendSocketMessage:fail send queue exceeds 16 MiB, the connection will be closed`,
    'close 1006'
  ]);
  // Outcomes come in send order: the unwritten earlier sends, then the one that overflowed.
  const failedInOrder = events.filter((e) => e.startsWith('send ')).map((e) => Number(e.split(' ')[1]));
  const upToOverflow = failedInOrder.slice(0, failedInOrder.indexOf(first) + 1);
  expect(upToOverflow).toEqual([...upToOverflow].sort((a, b) => a - b));
  // Every send's outcome comes before onClose: the accepted-but-unwritten ones, and the ones
  // refused in the same turn after the overflow (issue 11, finding 16).
  const closeAt = events.indexOf('close 1006');
  events.forEach((e, i) => {
    if (e.startsWith('send ')) expect(i, e).toBeLessThan(closeAt);
  });
});
