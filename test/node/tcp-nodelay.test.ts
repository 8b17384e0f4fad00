/**
 * tcpNoDelay (docs/contract.md section 2): false by default, as WeChat, true on request. ws turns
 * Nagle off as it takes the socket over; the engine must put the caller's choice back,
 * and it must still hold when onOpen runs (the first send may happen there).
 */
import { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createSocketApi } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

/** Opens a task and returns the Nagle setting of its own TCP socket as onOpen sees it. */
async function noDelayAtOpen(options: { tcpNoDelay?: boolean }): Promise<boolean | undefined> {
  const last = new Map<Socket, boolean>();
  const original = Socket.prototype.setNoDelay;
  vi.spyOn(Socket.prototype, 'setNoDelay').mockImplementation(function (this: Socket, noDelay?: boolean) {
    last.set(this, noDelay ?? true);
    return original.call(this, noDelay);
  });
  const url = server.urlFor('/echo');
  const port = Number(new URL(url).port);
  const api = createSocketApi({ warn: () => undefined });
  const task = api.connectSocket({ url, ...options });
  const seen = await new Promise<boolean | undefined>((resolve, reject) => {
    task.onOpen(() => {
      // The client's socket is the one whose peer is the server's port (the server's own sockets are in this process too).
      const mine = [...last.keys()].filter((socket) => socket.remotePort === port);
      resolve(mine.length === 1 ? last.get(mine[0]!) : undefined);
    });
    task.onError((error) => reject(new Error(error.errMsg)));
  });
  await new Promise<void>((resolve) => {
    task.onClose(() => resolve());
    task.close({});
  });
  return seen;
}

it('leaves Nagle on by default (tcpNoDelay false, as WeChat)', async () => {
  expect(await noDelayAtOpen({})).toBe(false);
});

it('turns Nagle off with tcpNoDelay: true', async () => {
  expect(await noDelayAtOpen({ tcpNoDelay: true })).toBe(true);
});
