/**
 * The native stand-in itself (minisocket/testing createNativeStandIn), used directly as
 * device code would use `wx`: each quirk is observable, against the real test server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeStandIn, createTestServer, type NativeQuirks, type TestServer } from '../../src/testing/index.js';
import { freePort } from '../support/free-port.js';
import { waitUntil } from '../support/wait.js';

let server: TestServer;
let refused: string;
beforeAll(async () => {
  server = await createTestServer();
  refused = `ws://127.0.0.1:${await freePort()}/`;
});
afterAll(() => server.close());

type Recorded = Array<[string, unknown]>;
// biome-ignore lint/suspicious/noExplicitAny: the stand-in's task is driven as untyped device code drives wx's
type AnyTask = any;

/** Connects with the stand-in and records the task's events in order. */
function connect(quirks: Partial<NativeQuirks>, url: string, options: Record<string, unknown> = {}): { task: AnyTask; seen: Recorded } {
  const native = createNativeStandIn({ profile: 'wx', quirks });
  const seen: Recorded = [];
  const task = native.connectSocket({ url, ...options }) as AnyTask;
  for (const name of ['Open', 'Message', 'Error', 'Close']) task[`on${name}`]((result: unknown) => seen.push([name.toLowerCase(), result]));
  return { task, seen };
}

const names = (seen: Recorded): string[] => seen.map(([name]) => name);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('createNativeStandIn', () => {
  it('behaves like WeChat by default: task, open with the response headers, echo, close with code and reason, results with errMsg only', async () => {
    const { task, seen } = connect({}, server.urlFor('/echo?id=si-base'), { header: { 'x-from': 'stand-in' } });
    await waitUntil(() => names(seen).includes('open'), 'open');
    expect((seen[0]![1] as { header: Record<string, string> }).header.upgrade).toBe('websocket');
    const sent: unknown[] = [];
    task.send({ data: 'hi', success: (r: unknown) => sent.push(r) });
    await waitUntil(() => names(seen).includes('message'), 'echo');
    expect(sent).toEqual([{ errMsg: 'sendSocketMessage:ok' }]);
    task.close({ code: 4000, reason: 'bye' });
    await waitUntil(() => names(seen).includes('close'), 'close');
    expect(seen.at(-1)).toEqual(['close', { code: 4000, reason: 'bye' }]);
    expect(server.log('si-base').handshakes[0]?.headers['x-from']).toBe('stand-in');
    const failed: unknown[] = [];
    task.send({ data: 'late', fail: (r: unknown) => failed.push(r) });
    await waitUntil(() => failed.length > 0, 'send fail');
    expect(failed).toEqual([{ errMsg: 'sendSocketMessage:fail WebSocket is not connected' }]);
  });

  it("holds a slot of the runtime's limit until the socket closed, and fails over it with WeChat's text", async () => {
    const native = createNativeStandIn({ profile: 'wx', maxConnections: 1 });
    const first = native.connectSocket({ url: server.urlFor('/echo') }) as AnyTask;
    first.onOpen(() => first.close({}));
    const fails: unknown[] = [];
    native.connectSocket({ url: server.urlFor('/echo'), fail: (r: unknown) => fails.push(r) });
    await waitUntil(() => fails.length > 0, 'the second call to fail');
    expect(fails).toEqual([{ errMsg: 'connectSocket:fail fail reach max websocket connect count 1' }]);
    await waitUntil(() => native.openSockets === 0, 'the slot to be free');
  });

  it('syncEvents: send success and the close event run inside the call', async () => {
    const { task, seen } = connect({ syncEvents: true }, server.urlFor('/echo'));
    await waitUntil(() => names(seen).includes('open'), 'open');
    let inside = false;
    task.send({ data: 'x', success: () => void (inside = true) });
    expect(inside).toBe(false); // written by ws asynchronously
    task.close({ code: 4001, reason: 'now' });
    expect(seen.at(-1)).toEqual(['close', { code: 4001, reason: 'now' }]);
  });

  it('errorWithoutClose: a refused dial fires onError and never onClose', async () => {
    const { seen } = connect({ errorWithoutClose: true }, refused);
    await waitUntil(() => names(seen).includes('error'), 'error');
    await pause(150);
    expect(names(seen)).toEqual(['error']);
  });

  it('closeBeforeError, doubleClose, bareClose: the close event comes first, twice, or empty', async () => {
    const a = connect({ closeBeforeError: true }, refused);
    const b = connect({ doubleClose: true }, server.urlFor('/close/4001/x'));
    const c = connect({ bareClose: true }, server.urlFor('/close/4001/x'));
    await waitUntil(
      () => a.seen.length === 2 && b.seen.filter(([n]) => n === 'close').length === 2 && c.seen.length === 2,
      'the three endings'
    );
    expect(names(a.seen)).toEqual(['close', 'error']);
    expect(b.seen.slice(1)).toEqual([
      ['close', { code: 4001, reason: 'x' }],
      ['close', { code: 4001, reason: 'x' }]
    ]);
    expect(c.seen[1]).toEqual(['close', {}]);
  });

  it("closeWhileConnecting: 'ignored' opens anyway, 'fails' calls fail, 'works' closes with the code asked", async () => {
    const ignored = connect({ closeWhileConnecting: 'ignored' }, server.urlFor('/echo'));
    const failing = connect({ closeWhileConnecting: 'fails' }, server.urlFor('/echo'));
    const working = connect({ closeWhileConnecting: 'works' }, server.urlFor('/echo'));
    const results: unknown[] = [];
    ignored.task.close({ success: (r: unknown) => results.push(r) });
    failing.task.close({ fail: (r: unknown) => results.push(r) });
    working.task.close({ code: 4002, reason: 'stop', success: (r: unknown) => results.push(r) });
    await waitUntil(
      () => names(ignored.seen).includes('open') && names(failing.seen).includes('open') && working.seen.length > 0,
      'outcomes'
    );
    expect(results).toEqual([
      { errMsg: 'closeSocket:ok' },
      { errMsg: 'closeSocket:fail WebSocket is not connected' },
      { errMsg: 'closeSocket:ok' }
    ]);
    expect(working.seen).toEqual([['close', { code: 4002, reason: 'stop' }]]);
    ignored.task.close({});
    failing.task.close({});
  });

  it('throwWhenClosed: methods throw once the task closed', async () => {
    const { task, seen } = connect({ throwWhenClosed: true }, server.urlFor('/close/1000/x'));
    await waitUntil(() => names(seen).includes('close'), 'close');
    expect(() => task.close({})).toThrow(/closed/);
    expect(() => task.send({ data: 'x' })).toThrow(/closed/);
  });

  it('promise and noTask: connectSocket returns a Promise of the task, or nothing (the global functions drive the socket, binary as base64)', async () => {
    const taro = createNativeStandIn({ profile: 'taro' });
    const promised = taro.connectSocket({ url: server.urlFor('/echo') });
    expect(promised).toBeInstanceOf(Promise);
    const task = (await promised) as AnyTask;
    task.onOpen(() => task.close({}));
    const my = createNativeStandIn({ profile: 'my', quirks: { noTask: true } });
    const got: unknown[] = [];
    my.onSocketOpen(() => my.sendSocketMessage({ data: 'AQID', isBuffer: true }));
    my.onSocketMessage((r) => got.push(r));
    expect(my.connectSocket({ url: server.urlFor('/echo'), multiple: true })).toBeUndefined();
    await waitUntil(() => got.length > 0, 'the echo');
    expect(got).toEqual([{ data: 'AQID', isBuffer: true }]);
    my.closeSocket({});
  });

  it("alipayResults and errCodes: Alipay's { error, errorMessage }; uni-app x adds errCode", async () => {
    const fails: unknown[] = [];
    createNativeStandIn({ profile: 'my' }).connectSocket({ url: 'http://x', fail: (r: unknown) => fails.push(r) });
    createNativeStandIn({ profile: 'uni' }).connectSocket({ url: 'http://x', fail: (r: unknown) => fails.push(r) });
    await waitUntil(() => fails.length === 2, 'both fails');
    expect(fails).toEqual([
      { error: 4, errorMessage: 'invalid url "http://x"' },
      { errMsg: 'connectSocket:fail invalid url "http://x"', errCode: 600009 }
    ]);
  });

  it('the Taro H5 quirks: success inside send, no close code on the wire, a made-up close, Blob messages, one listener, no headers', async () => {
    const native = createNativeStandIn({ profile: 'taro-h5' });
    const task = (await native.connectSocket({ url: server.urlFor('/echo?id=si-h5'), header: { 'x-h': '1' } })) as AnyTask;
    const seen: Recorded = [];
    task.onOpen(() => seen.push(['ignored', null]));
    task.onOpen((r: unknown) => seen.push(['open', r]));
    task.onMessage((r: unknown) => seen.push(['message', r]));
    task.onClose((r: unknown) => seen.push(['close', r]));
    await waitUntil(() => seen.length > 0, 'open');
    expect(seen).toEqual([['open', { type: 'open' }]]);
    let inside = false;
    task.send({ data: new Uint8Array([7]).buffer, success: () => void (inside = true) });
    expect(inside).toBe(true);
    await waitUntil(() => seen.length > 1, 'echo');
    expect((seen[1]![1] as { data: unknown }).data).toBeInstanceOf(Blob);
    task.close({ code: 4003, reason: 'asked' });
    await waitUntil(() => names(seen).includes('close'), 'close');
    expect(seen.at(-1)).toEqual(['close', { code: 4003, reason: 'asked' }]);
    await waitUntil(() => server.log('si-h5').connections[0]?.closed !== undefined, 'the server to see the close');
    expect(server.log('si-h5').connections[0]?.closed?.code).toBe(1005);
    expect(server.log('si-h5').handshakes[0]?.headers['x-h']).toBeUndefined();
    expect(task.ws).toBeDefined();
  });
});
