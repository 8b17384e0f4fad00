/**
 * Sends racing the end of a connection never get a false `success`: against a server that
 * reads nothing, then closes with 4000 and drops the TCP connection, on both engines
 * (`ws`, and undici's WHATWG WebSocket through the browser engine).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket as UndiciWebSocket } from 'undici';
import { createSocketApi, ErrCode, type SocketApiConfig } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
  server.onConnection((ws, request) => {
    if (!request.url?.startsWith('/deaf-close')) return;
    ws.pause(); // read nothing: whatever the client sends stays in the kernel's buffers
    ws.close(4000, 'bye');
    setTimeout(() => ws.terminate(), 100);
  });
});
afterAll(() => server.close());

async function sendAll(config: SocketApiConfig): Promise<{ outcomes: string[]; close: number; received: number }> {
  const id = `deaf-${Math.random().toString(36).slice(2)}`;
  const task = createSocketApi({ ...config, warn: () => undefined }).connectSocket({ url: server.urlFor(`/deaf-close?id=${id}`) });
  const outcomes: string[] = [];
  const close = await new Promise<number>((resolve) => {
    task.onOpen(() => {
      for (let i = 0; i < 40; i++) {
        task.send({
          data: new ArrayBuffer(256 * 1024),
          success: () => outcomes.push('success'),
          fail: (e) => outcomes.push(`fail ${e.errCode}`)
        });
      }
    });
    task.onClose(({ code }) => resolve(code));
  });
  await new Promise((r) => setTimeout(r, 50));
  const received = server.log(id).connections[0]?.messages.length ?? 0;
  return { outcomes, close, received };
}

// ws knows a send it never wrote; a WHATWG WebSocket cannot tell, so its unconfirmed sends
// say "unknown whether written", never "not written" (issue 11, finding 3).
for (const [name, config, unconfirmed] of [
  ['ws', {}, ErrCode.CLOSED_BEFORE_WRITE],
  ['undici (WHATWG engine)', { WebSocket: UndiciWebSocket as never }, ErrCode.UNKNOWN_IF_WRITTEN]
] as const) {
  it(`${name}: every send has one outcome, and 10 MiB the server never read is not all "success"`, async () => {
    const { outcomes, received } = await sendAll(config);
    expect(outcomes).toHaveLength(40);
    expect(received).toBe(0);
    const failed = outcomes.filter((o) => o === `fail ${unconfirmed}` || o === `fail ${ErrCode.NOT_CONNECTED}`);
    expect(failed.length, outcomes.join(',')).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o !== 'success' && !failed.includes(o))).toEqual([]);
  });
}
