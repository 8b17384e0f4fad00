/**
 * Config and options are read once (issue 11, findings 6 and 13): a getter that throws or
 * changes its value later cannot make connectSocket throw or hand back no task for a task
 * that lives on. Against a real server on loopback.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

it('a config getter added after createSocketApi cannot make connectSocket throw', async () => {
  const config: Record<string, unknown> = { profile: 'wx', singleSocket: true, routes: { 'wss://api.example.com': server.url } };
  const wx = createSocketApi(config);
  for (const key of ['singleSocket', 'routes', 'domains', 'timeout', 'maxConnections']) {
    Object.defineProperty(config, key, {
      get() {
        throw new Error(`config.${key} read late`);
      }
    });
  }
  let task: SocketTask | undefined;
  expect(() => {
    task = wx.connectSocket({ url: 'wss://api.example.com/echo' });
  }).not.toThrow();
  await new Promise((resolve, reject) => {
    task!.onOpen(resolve);
    task!.onError((e) => reject(new Error(e.errMsg)));
  });
  task!.close({});
});

it('Alipay: a `multiple` getter that changes value is read once; the task is returned and can be closed', async () => {
  const my = createSocketApi({ profile: 'my', warn: () => undefined });
  let reads = 0;
  const options = {
    url: server.urlFor('/echo'),
    reconnect: true,
    get multiple() {
      reads++;
      return reads === 1;
    }
  };
  const task = my.connectSocket(options as Parameters<typeof my.connectSocket>[0]) as SocketTask | undefined;
  expect(task).toBeDefined();
  await new Promise((resolve) => task!.onOpen(resolve));
  const closed = new Promise<number>((resolve) => task!.onClose(({ code }) => resolve(code)));
  task!.close({ code: 1000 });
  expect(await closed).toBe(1000);
});
