/**
 * The public SocketTask is sealed: its own enumerable keys are what the platforms
 * document (socketTaskId; Taro's task also errMsg), nothing internal is reachable by a
 * property name, and console.log prints one short line.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, createSocketApi, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const opened = (task: SocketTask): Promise<void> => new Promise((resolve) => task.onOpen(() => resolve()));
const closed = (task: SocketTask): Promise<void> => new Promise((resolve) => task.onClose(() => resolve()));

/** Every property name reachable on the object and its prototypes, up to Object.prototype. */
function reachableNames(value: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = value; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) if (typeof key === 'string') names.add(key);
  }
  return [...names];
}

describe('a sealed SocketTask', () => {
  it('a plain task: own keys are socketTaskId only; no underscore member anywhere on it', async () => {
    const task = connectSocket({ url: server.urlFor('/echo') });
    expect(Object.keys(task)).toEqual(['socketTaskId']);
    expect(Reflect.ownKeys(task)).toEqual(['socketTaskId']);
    expect(reachableNames(task).filter((name) => name.startsWith('_'))).toEqual([]);
    expect(reachableNames(task).sort()).toEqual(
      [
        'socketTaskId',
        'constructor',
        'readyState',
        'send',
        'close',
        'onOpen',
        'onMessage',
        'onError',
        'onClose',
        'offOpen',
        'offMessage',
        'offError',
        'offClose',
        'CONNECTING',
        'OPEN',
        'CLOSING',
        'CLOSED'
      ].sort()
    );
    await opened(task);
    task.close({});
    await closed(task);
  });

  it('a reconnecting task: the same, plus onReconnecting/onGiveUp and their off twins', async () => {
    const task = connectSocket({ url: server.urlFor('/echo'), reconnect: true });
    expect(Object.keys(task)).toEqual(['socketTaskId']);
    expect(Reflect.ownKeys(task)).toEqual(['socketTaskId']);
    const names = reachableNames(task);
    expect(names).toEqual(expect.arrayContaining(['onReconnecting', 'offReconnecting', 'onGiveUp', 'offGiveUp']));
    expect(names.filter((name) => name.startsWith('_'))).toEqual([]);
    await opened(task);
    task.close({});
    await closed(task);
  });

  it('a refused task is sealed too', () => {
    const task = connectSocket({ url: 'http://nope' });
    task.onError(() => undefined);
    expect(Object.keys(task)).toEqual(['socketTaskId']);
  });

  it("Taro's task carries errMsg beside socketTaskId, as Taro documents", async () => {
    const taro = createSocketApi({ profile: 'taro' });
    const task = await taro.connectSocket({ url: server.urlFor('/echo') });
    expect(Object.keys(task).sort()).toEqual(['errMsg', 'socketTaskId']);
    await opened(task);
    task.close({});
    await closed(task);
  });

  it('console.log(task) prints its id, readyState and URL on one line', async () => {
    const task = connectSocket({ url: server.urlFor('/echo') });
    const id = task.socketTaskId;
    expect(inspect(task)).toBe(`SocketTask { socketTaskId: ${id}, readyState: 0 (CONNECTING), url: '${server.urlFor('/echo')}' }`);
    await opened(task);
    expect(inspect(task)).toContain('readyState: 1 (OPEN)');
    task.close({});
    await closed(task);
    expect(inspect(task)).toContain('readyState: 3 (CLOSED)');
    expect(inspect(connectSocket({ url: 'nope' }))).toMatch(
      /^SocketTask \{ socketTaskId: \d+, readyState: 3 \(CLOSED\), url: undefined \}$/
    );
  });
});
