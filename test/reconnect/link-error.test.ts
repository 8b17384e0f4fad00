/**
 * Issue 11, findings 4 and 5: a link error (invalid UTF-8) from a server that keeps its TCP
 * side open and never answers the close frame. A raw `net` server, a few lines: it answers
 * the upgrade, then on the first client frame it is told to react to, writes a text frame
 * that is not UTF-8 and ignores everything after it.
 *
 * Finding 4: the reconnect layer used to stay OPEN for ws's 30 s close timeout, failing
 * sends 10002 and not redialling. It must treat the link as gone at the error.
 * Finding 5: a heartbeat whose probe was out when the error came fired its deadline on the
 * failed link: a second onError and close 1006 instead of the 1007 the client sent.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectSocket, type ReconnectingSocketTask } from '../../src/index.js';
import { record } from './helpers.js';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const BAD_UTF8 = Buffer.from([0x81, 3, 0x61, 0xff, 0xfe]);

interface RawConnection {
  socket: Socket;
  /** Client frames seen: opcode and unmasked payload (frames under 126 bytes only, enough here). */
  frames: { opcode: number; text: string }[];
}

let server: Server;
let port = 0;
const connections: RawConnection[] = [];
/** Which client opcode on the first connection triggers the bad frame: 0x1 (a text message) or 0x9 (a ping). */
let trigger = 0x1;

function parseFrames(connection: RawConnection, buffer: Buffer): Buffer {
  while (buffer.length >= 6) {
    const length = buffer[1]! & 0x7f;
    if (length >= 126 || buffer.length < 6 + length) break;
    const mask = buffer.subarray(2, 6);
    const payload = Buffer.from(buffer.subarray(6, 6 + length)).map((b, i) => b ^ mask[i % 4]!);
    connection.frames.push({ opcode: buffer[0]! & 0x0f, text: Buffer.from(payload).toString() });
    buffer = buffer.subarray(6 + length);
  }
  return buffer;
}

beforeAll(async () => {
  // allowHalfOpen: the client's FIN (ws ends its side after its close frame) leaves ours open.
  server = createServer({ allowHalfOpen: true }, (socket) => {
    const connection: RawConnection = { socket, frames: [] };
    const index = connections.push(connection) - 1;
    let head = '';
    let rest: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let poisoned = false;
    socket.on('data', (chunk: Buffer) => {
      if (!upgraded) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const key = /sec-websocket-key:\s*(\S+)/i.exec(head)![1]!;
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
        );
        upgraded = true;
        chunk = Buffer.from(head.slice(end + 4), 'latin1');
      }
      rest = parseFrames(connection, Buffer.concat([rest, chunk]));
      if (index === 0 && !poisoned && connection.frames.some((f) => f.opcode === trigger)) {
        poisoned = true;
        socket.write(BAD_UTF8); // and then silence: no close frame, no FIN
      } else if (index > 0 && connection.frames.some((f) => f.opcode === 0x8)) {
        socket.end(Buffer.from([0x88, 0])); // later connections answer a close frame
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const c of connections) c.socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function reset(on: number): void {
  for (const c of connections) c.socket.destroy();
  connections.length = 0;
  trigger = on;
}

it('finding 4: after a link error the layer queues sends and redials on schedule, not after the close timeout', async () => {
  reset(0x1);
  const task = connectSocket({
    url: `ws://127.0.0.1:${port}/`,
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
  const texts = (): string[] => connections[1]!.frames.filter((f) => f.opcode === 0x1).map((f) => f.text);
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
    url: `ws://127.0.0.1:${port}/`,
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
