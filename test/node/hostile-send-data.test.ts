/**
 * send() with views whose own getters throw or lie (issue 11, finding 1): no exception, one
 * outcome per send, and what goes out is the view's real bytes, on a plain task and through
 * the reconnect layer's queue. Against a real echo server on loopback.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

function shadow<T extends object>(view: T, name: string, get: () => unknown): T {
  return Object.defineProperty(view, name, { get });
}
const thrower = (): never => {
  throw new Error('hostile getter');
};

/** Sends each value and returns, per send, its outcomes, and the messages echoed back. */
async function sendAll(task: SocketTask, values: unknown[]): Promise<{ outcomes: string[][]; echoed: number[][] }> {
  const echoed: number[][] = [];
  task.onMessage(({ data }) => echoed.push([...new Uint8Array(data as ArrayBuffer)]));
  const outcomes = values.map(() => [] as string[]);
  const settled = values.map(
    (data, i) =>
      new Promise<void>((resolve) => {
        expect(() =>
          task.send({
            data: data as ArrayBuffer,
            success: () => outcomes[i]!.push('success'),
            fail: (e) => outcomes[i]!.push(`fail ${e.errCode}`),
            complete: () => resolve()
          })
        ).not.toThrow();
      })
  );
  await Promise.all(settled);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { outcomes, echoed };
}

const hostileViews = (): unknown[] => [
  shadow(new Uint8Array([1, 2, 3]), 'buffer', thrower),
  shadow(new Uint8Array([4, 5]), 'byteLength', thrower),
  shadow(new Uint8Array([6]), 'byteOffset', () => 1000),
  shadow(new DataView(new Uint8Array([7, 8]).buffer), 'byteLength', () => 1 << 30),
  new Uint8Array([0, 9, 10, 0]).subarray(1, 3)
];
const realBytes = [[1, 2, 3], [4, 5], [6], [7, 8], [9, 10]];

it('a plain task sends a view’s real bytes whatever its own getters do; one outcome each', async () => {
  const task = createSocketApi().connectSocket({ url: server.urlFor('/echo') });
  await new Promise((resolve) => task.onOpen(resolve));
  const { outcomes, echoed } = await sendAll(task, hostileViews());
  expect(outcomes).toEqual(realBytes.map(() => ['success']));
  expect(echoed).toEqual(realBytes);
  task.close({});
});

it('the reconnect queue takes the same views while connecting and sends their real bytes in order', async () => {
  const task = createSocketApi().connectSocket({ url: server.urlFor('/echo'), reconnect: true });
  const { outcomes, echoed } = await sendAll(task, hostileViews());
  expect(outcomes).toEqual(realBytes.map(() => ['success']));
  expect(echoed).toEqual(realBytes);
  task.close({});
});

it('a view over shared memory is still refused with INVALID_SEND_DATA', async () => {
  const task = createSocketApi().connectSocket({ url: server.urlFor('/echo') });
  await new Promise((resolve) => task.onOpen(resolve));
  const { outcomes } = await sendAll(task, [new Uint8Array(new SharedArrayBuffer(2))]);
  expect(outcomes).toEqual([[`fail ${ErrCode.INVALID_SEND_DATA}`]]);
  task.close({});
});
