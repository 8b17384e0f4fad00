/**
 * Hostile and odd input, found in review: nothing may throw out of a platform API, every
 * send gets exactly one outcome, and the event table holds when listeners call back in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket as UndiciWebSocket } from 'undici';
import { createSocketApi, ErrCode, type SocketError, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

/** An object whose every conversion throws itself. */
const hostile: object = {
  toString() {
    throw hostile;
  },
  get [Symbol.toStringTag](): string {
    throw hostile;
  }
};
const trap = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get trap');
    },
    getPrototypeOf: () => {
      throw new Error('gpo trap');
    }
  }
);
const revoked = Proxy.revocable({}, {});
revoked.revoke();
/** ['chat'] whose index 0 throws when read. */
function throwingArray(): string[] {
  return Object.defineProperty(['chat'], 0, {
    get() {
      throw new Error('index getter');
    }
  });
}

function failOf(call: (fail: (e: SocketError) => void) => unknown): Promise<SocketError> {
  return new Promise((resolve, reject) => {
    try {
      call(resolve);
    } catch (error) {
      reject(new Error(`threw: ${String(error instanceof Error ? error.message : typeof error)}`));
    }
  });
}

async function open(path = '/echo'): Promise<SocketTask> {
  const task = createSocketApi({ warn: () => undefined }).connectSocket({ url: server.urlFor(path) });
  await new Promise((resolve) => task.onOpen(resolve));
  return task;
}

it('connectSocket never throws on hostile values, and names the option that was bad', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const cases: Array<[string, Record<string, unknown>, number]> = [
    [
      'url getter throws a hostile object',
      Object.defineProperty({}, 'url', {
        get: () => {
          throw hostile;
        },
        enumerable: true
      }),
      ErrCode.INVALID_OPTIONS
    ],
    ['url is a Proxy whose traps throw', { url: trap }, ErrCode.INVALID_URL],
    ['timeout is hostile', { url: server.urlFor('/echo'), timeout: hostile }, ErrCode.INVALID_TIMEOUT],
    ['header value is a Proxy', { url: server.urlFor('/echo'), header: { 'x-a': trap } }, ErrCode.INVALID_HEADER],
    ['header value outside Latin-1', { url: server.urlFor('/echo'), header: { 'x-a': '中文' } }, ErrCode.INVALID_HEADER],
    ['header value with a control character', { url: server.urlFor('/echo'), header: { 'x-a': 'a\u0001b' } }, ErrCode.INVALID_HEADER],
    ['reconnect settings are a Proxy', { url: server.urlFor('/echo'), reconnect: { minDelay: trap } }, ErrCode.INVALID_OPTIONS],
    // Each option's own code, never 602001 system error (issue 11, finding 11).
    ['header is a revoked Proxy', { url: server.urlFor('/echo'), header: revoked.proxy }, ErrCode.INVALID_HEADER],
    ['protocols is a revoked Proxy', { url: server.urlFor('/echo'), protocols: revoked.proxy }, ErrCode.INVALID_PROTOCOLS],
    ['data is a revoked Proxy', { url: server.urlFor('/echo'), data: revoked.proxy }, ErrCode.INVALID_DATA_OPTION],
    ['protocols has a throwing index getter', { url: server.urlFor('/echo'), protocols: throwingArray() }, ErrCode.INVALID_PROTOCOLS]
  ];
  for (const [name, options, code] of cases) {
    // The options object itself is passed (a spread would run the getters here, in the test).
    const error = await failOf((fail) =>
      api.connectSocket(Object.assign(Object.create(null, Object.getOwnPropertyDescriptors(options)), { fail }))
    );
    expect(error.errCode, name).toBe(code);
    expect(error.errMsg, name).toMatch(/^connectSocket:fail /);
  }
  const handshakes = server.handshakes.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(server.handshakes.length, 'no refused call dialled').toBe(handshakes);
});

it('keeps $ patterns of the input literal in errMsg', async () => {
  const url = "http://x/$&$'$`";
  const error = await failOf((fail) => createSocketApi().connectSocket({ url, fail }));
  expect(error.errMsg).toBe(`connectSocket:fail invalid url "${url}"`);
});

it('refuses fake, detached and trapped send data with one fail each; the connection goes on', async () => {
  const task = await open();
  const detached = new ArrayBuffer(8);
  structuredClone(detached, { transfer: [detached] });
  const fakes: unknown[] = [
    { [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 4 },
    Object.create(ArrayBuffer.prototype),
    detached,
    trap,
    hostile,
    new Uint8Array(new SharedArrayBuffer(4))
  ];
  for (const data of fakes) {
    const outcomes: string[] = [];
    expect(() =>
      task.send({ data: data as ArrayBuffer, success: () => outcomes.push('success'), fail: (e) => outcomes.push(`fail ${e.errCode}`) })
    ).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outcomes).toEqual([`fail ${ErrCode.INVALID_SEND_DATA}`]);
  }
  const echo = new Promise((resolve) => task.onMessage(({ data }) => resolve(data)));
  task.send({ data: 'still open' });
  expect(await echo).toBe('still open');
  for (const code of [trap, hostile]) {
    const error = await failOf((fail) => task.close({ code: code as number, fail }));
    expect(error.errCode).toBe(ErrCode.INVALID_CLOSE_CODE);
  }
  task.close({});
});

it('a listener that throws a revoked Proxy does not stop the next listener', async () => {
  const warnings: string[] = [];
  const task = createSocketApi({ warn: (m) => warnings.push(m) }).connectSocket({ url: server.urlFor('/echo') });
  const second = new Promise((resolve) => {
    task.onOpen(() => {
      throw revoked.proxy;
    });
    task.onOpen(resolve);
  });
  await second;
  expect(warnings.some((w) => w.startsWith('a listener or callback threw'))).toBe(true);
  task.close({});
});

it('close() inside onError of a failing handshake fails "not connected"; onClose still reports 1006', async () => {
  const task = createSocketApi().connectSocket({ url: server.urlFor('/status/401') });
  const events: string[] = [];
  await new Promise<void>((resolve) => {
    task.onError((e) => {
      events.push(`error ${e.errCode} status ${e.statusCode}`);
      task.close({ code: 1000, success: () => events.push('close ok'), fail: (f) => events.push(`close fail ${f.errCode}`) });
    });
    task.onClose((c) => {
      events.push(`close ${c.code}`);
      resolve();
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The close() call's fail is asynchronous, so it may come after onClose; what matters is that
  // it fails and that onClose reports the failure's 1006, not the code close() asked for.
  expect(events[0]).toBe(`error ${ErrCode.BAD_RESPONSE_STATUS} status 401`);
  expect(events.slice(1).sort()).toEqual(['close 1006', `close fail ${ErrCode.NOT_CONNECTED}`]);
});

it('refuses a config timeout a timer cannot hold', () => {
  expect(() => createSocketApi({ timeout: Infinity })).toThrow(TypeError);
  expect(() => createSocketApi({ timeout: 2 ** 31 })).toThrow(/at most/);
});

it('a route target spelled WSS: still goes over TLS', async () => {
  const api = createSocketApi({ routes: { 'wss://api.example.com': server.url.replace('ws:', 'WSS:') } });
  const task = api.connectSocket({ url: 'wss://api.example.com/echo' });
  const events: string[] = [];
  await new Promise<void>((resolve) => {
    task.onOpen(() => events.push('open'));
    task.onError((e) => events.push(`error ${e.errCode}`));
    task.onClose(() => resolve());
  });
  expect(events).toEqual([`error ${ErrCode.TLS_FAILED}`]);
});

it('singleSocket: the new task is bound at once, so onSocketOpen hears it', async () => {
  const wx = createSocketApi({ profile: 'wx', singleSocket: true, warn: () => undefined });
  const opens: number[] = [];
  wx.onSocketOpen(() => opens.push(opens.length));
  const a = wx.connectSocket({ url: server.urlFor('/echo') });
  await new Promise((resolve) => a.onOpen(resolve));
  const b = wx.connectSocket({ url: server.urlFor('/echo') });
  await new Promise((resolve) => b.onOpen(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(opens).toEqual([0, 1]);
  await wx.sendSocketMessage({ data: 'to b' });
  b.close({});
});

it('warns that a WHATWG engine cannot take TLS options', () => {
  const warnings: string[] = [];
  const api = createSocketApi({ WebSocket: UndiciWebSocket as never, rejectUnauthorized: false, warn: (m) => warnings.push(m) });
  const task = api.connectSocket({ url: server.urlFor('/echo') });
  task.close({});
  expect(warnings.filter((w) => w.includes('TLS options'))).toHaveLength(1);
});
