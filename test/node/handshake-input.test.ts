/**
 * What reaches the server's handshake: framing headers are dropped, one header named twice
 * is refused, and routes capture a URL whatever credentials it carries (issue 11, findings
 * 7, 10 and 17). Every case runs against a real server on loopback.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type SocketError, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

function echoOnce(task: SocketTask, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    task.onError((e) => reject(new Error(e.errMsg)));
    task.onOpen(() => task.send({ data: text }));
    task.onMessage(({ data }) => resolve(String(data)));
  });
}

it('Transfer-Encoding and the other framing headers are dropped with a warning; the connection works', async () => {
  const warnings: string[] = [];
  const api = createSocketApi({ warn: (m) => warnings.push(m) });
  const task = api.connectSocket({
    url: server.urlFor('/echo?id=framing'),
    header: { 'Transfer-Encoding': 'chunked', TE: 'trailers', 'Keep-Alive': 'timeout=5', 'x-kept': 'yes' }
  });
  expect(await echoOnce(task, 'framed right')).toBe('framed right');
  const seen = server.log('framing').handshakes[0]!.headers;
  expect(seen['x-kept']).toBe('yes');
  expect(seen['transfer-encoding']).toBeUndefined();
  expect(seen.te).toBeUndefined();
  for (const name of ['Transfer-Encoding', 'TE', 'Keep-Alive']) {
    expect(
      warnings.some((w) => w.includes(name)),
      name
    ).toBe(true);
  }
  task.close({});
});

it('two header names that differ only in case fail INVALID_HEADER naming both; nothing is dialled', async () => {
  const before = server.handshakes.length;
  const error = await new Promise<SocketError>((resolve) =>
    createSocketApi().connectSocket({
      url: server.urlFor('/echo'),
      header: { 'X-Token': 'a', 'x-token': 'b' },
      fail: resolve
    })
  );
  expect(error.errCode).toBe(ErrCode.INVALID_HEADER);
  expect(error.errMsg).toContain('"X-Token" and "x-token" name the same header');
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(server.handshakes.length).toBe(before);
});

it('a route captures a URL with userinfo: the credentials never reach another host', async () => {
  const api = createSocketApi({ routes: { 'wss://api.example.com': server.url } });
  for (const url of ['wss://user:token@api.example.com/echo?id=userinfo-1', 'wss://token@api.example.com/echo?id=userinfo-2']) {
    const task = api.connectSocket({ url });
    expect(await echoOnce(task, url)).toBe(url);
    task.close({});
  }
  expect(server.log('userinfo-1').handshakes).toHaveLength(1);
  expect(server.log('userinfo-2').handshakes).toHaveLength(1);
});
