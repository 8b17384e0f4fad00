/**
 * Issue 11, findings 4 and 5: a link error (invalid UTF-8) from a server that keeps its TCP
 * side open and never answers the close frame. A raw server (test/support/raw-server.ts):
 * on the first client frame it is told to react to, it writes a text frame that is not
 * UTF-8 and ignores everything after it.
 *
 * Finding 4: the reconnect layer used to stay OPEN for ws's 30 s close timeout, failing
 * sends 10002 and not redialling. It must treat the link as gone at the error.
 * Finding 5: a heartbeat whose probe was out when the error came fired its deadline on the
 * failed link: a second onError and close 1006 instead of the 1007 the client sent.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSocket, type ReconnectingSocketTask } from '../../src/index.js';
import { createRawServer, type RawServer } from '../support/raw-server.js';
import { record } from './helpers.js';

const BAD_UTF8 = Buffer.from([0x81, 3, 0x61, 0xff, 0xfe]);

let server: RawServer;
/** Which client opcode on the first connection triggers the bad frame: 0x1 (a text message) or 0x9 (a ping). */
let trigger = 0x1;
let poisoned = false;

beforeAll(async () => {
  server = await createRawServer((connection, frame) => {
    if (connection.index === 0 && !poisoned && frame.opcode === trigger) {
      poisoned = true;
      connection.socket.write(BAD_UTF8); // and then silence: no close frame, no FIN
    } else if (connection.index > 0 && frame.opcode === 0x8) {
      connection.socket.end(Buffer.from([0x88, 0])); // later connections answer a close frame
    }
  });
});

afterAll(() => server.close());

function reset(on: number): void {
  server.reset();
  trigger = on;
  poisoned = false;
}

it('finding 4: after a link error the layer queues sends and redials on schedule, not after the close timeout', async () => {
  reset(0x1);
  const task = connectSocket({
    url: server.url,
    reconnect: { minDelay: 10, maxDelay: 10, maxAttempts: 3 }
  }) as ReconnectingSocketTask;
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'first open');
  let stateAtError = -1;
  const outcomes: string[] = [];
  task.onError(() => {
    stateAtError = task.readyState;
    // A send made in onError: queued for the next link, not failed "not connected".
    task.send({ data: 'after-error', success: () => outcomes.push('success'), fail: (e) => outcomes.push(`fail ${e.errCode}`) });
  });
  task.send({ data: 'poison' });
  await rec.waitFor(() => rec.count('open') === 2, 'the second link, well before a 30 s close timeout');
  await rec.waitFor(() => outcomes.length === 1, 'the send made in onError settled');
  expect(outcomes).toEqual(['success']);
  expect(stateAtError).toBe(task.CONNECTING);
  const texts = (): string[] => server.connections[1]!.frames.filter((f) => f.opcode === 0x1).map((f) => f.text);
  await rec.waitFor(() => texts().length > 0, 'the queued send at the server');
  expect(texts()).toEqual(['after-error']);
  // The first link's onClose came with the code the client sent (1007), before the second open.
  const closes = rec.events.filter((e) => e.type === 'close');
  expect(closes[0]).toMatchObject({ code: 1007 });
  expect(rec.types((e) => e.type !== 'reconnecting')).toEqual(['open', 'error', 'close', 'open']);
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
});

it('finding 5: the heartbeat stops at a link error: one onError, close 1007, no heartbeat timeout', async () => {
  reset(0x9); // the bad frame answers the heartbeat's first ping, so its deadline is running
  const task = connectSocket({
    url: server.url,
    heartbeat: { interval: 20, timeout: 150 }
  }) as ReconnectingSocketTask;
  const rec = record(task);
  await rec.waitFor(() => rec.count('close') === 1, 'the link ended');
  // Past the heartbeat's deadline: a stray timer would have reported by now.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const errors = rec.events.filter((e) => e.type === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ errCode: 610031 });
  expect(rec.events.filter((e) => e.type === 'close')).toMatchObject([{ code: 1007 }]);
  expect(task.readyState).toBe(task.CLOSED);
});
