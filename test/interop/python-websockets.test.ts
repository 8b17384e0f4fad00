/**
 * The contract and the reconnect layer against Debian's python3-websockets server, which
 * nobody in this project wrote. The server runs as a child process of this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type ReconnectingSocketTask } from '../../src/index.js';
import { record, waitUntil } from '../reconnect/helpers.js';
import { freePort, startPython, taskOpener, type PythonServer } from './support.js';

const api = createSocketApi({ warn: () => undefined });
let python: PythonServer;
const { open, track, closeTasks } = taskOpener(api, () => python.url);

beforeAll(async () => {
  python = await startPython();
});
afterAll(async () => {
  await closeTasks();
  await python?.stop();
});

describe('contract against python3-websockets', () => {
  it('opens with the response headers, sends the request headers, echoes text and exact binary', async () => {
    const task = open('/headers', { header: { 'X-Token': 'abc' } });
    let header: Record<string, string> = {};
    const messages: Array<string | ArrayBuffer> = [];
    task.onOpen((r) => {
      header = r.header;
      task.send({ data: 'héllo' });
      task.send({ data: Uint8Array.from([0, 1, 254, 255]).buffer });
    });
    task.onMessage(({ data }) => messages.push(data));
    await waitUntil(() => messages.length === 3, 'three messages');
    expect(header['x-server']).toBe('python-websockets');
    expect(header.upgrade?.toLowerCase()).toBe('websocket');
    expect(JSON.parse(messages[0] as string)).toMatchObject({ 'x-token': 'abc' });
    expect(messages[1]).toBe('héllo');
    expect(messages[2]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(messages[2] as ArrayBuffer)]).toEqual([0, 1, 254, 255]);
  });

  it('agrees on an offered subprotocol', async () => {
    const task = open('/echo?sp', { protocols: ['superchat'] });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await waitUntil(() => python.events.some((e) => e.event === 'connect' && e.path === '/echo?sp'), 'python saw it');
    expect(python.events.find((e) => e.path === '/echo?sp')?.subprotocol).toBe('superchat');
  });

  it('reports the close code and reason python sends, and python sees ours', async () => {
    const closedByServer = open('/close/4001/logged%20out');
    const rec = record(closedByServer);
    await rec.waitFor(() => rec.count('close') === 1, 'server close');
    expect(rec.types()).toEqual(['open', 'close']);
    expect(rec.events[1]).toMatchObject({ code: 4001, reason: 'logged out' });

    const ours = open('/echo?ours');
    const rec2 = record(ours);
    ours.onOpen(() => ours.close({ code: 4100, reason: 'done' }));
    await rec2.waitFor(() => rec2.count('close') === 1, 'our close');
    expect(rec2.events.at(-1)).toMatchObject({ code: 4100, reason: 'done' });
    await waitUntil(() => python.events.some((e) => e.event === 'close' && e.path === '/echo?ours'), 'python saw the close');
    expect(python.events.find((e) => e.event === 'close' && e.path === '/echo?ours')).toMatchObject({ code: 4100, reason: 'done' });
  });
});

describe('reconnect layer against python3-websockets', () => {
  it('a final close code from python ends the task: onGiveUp, onClose 4001 last', async () => {
    const task = open('/close/4001/bye', { reconnect: { minDelay: 5, maxDelay: 20, finalCodes: [4001] } });
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(rec.types()).toEqual(['open', 'giveup', 'close']);
    expect(rec.events[2]).toMatchObject({ code: 4001, reason: 'bye', readyState: 3 });
  });

  it('heartbeat: python answers pings, the link stays up', async () => {
    const task = open('/echo?hb', { heartbeat: { interval: 20, timeout: 1000 } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await new Promise((r) => setTimeout(r, 500));
    expect(rec.types()).toEqual(['open']);
  });

  it('python killed (no close frame): close 1006, refused attempts, back on restart; queued sends flushed once, in order', async () => {
    const port = await freePort();
    let own = await startPython(port);
    const task = api.connectSocket({
      url: `ws://127.0.0.1:${port}/echo`,
      reconnect: { minDelay: 10, maxDelay: 50 }
    } as never) as ReconnectingSocketTask;
    track(task);
    const rec = record(task);
    const outcomes: string[] = [];
    const echoes: string[] = [];
    task.onMessage(({ data }) => echoes.push(data as string));
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await own.kill();
    await rec.waitFor(() => rec.count('close') === 1 && rec.count('error') >= 1, 'link lost, a refused attempt');
    expect(rec.events.find((e) => e.type === 'close')).toMatchObject({ code: 1006 });
    expect(rec.events.find((e) => e.type === 'error')).toMatchObject({ errCode: ErrCode.CONNECTION_REFUSED });
    for (let n = 0; n < 10; n++) task.send({ data: `m${n}`, success: () => outcomes.push('ok'), fail: () => outcomes.push('fail') });
    own = await startPython(port);
    try {
      await rec.waitFor(() => echoes.length === 10, 'ten echoes');
      expect(echoes).toEqual([...Array(10).keys()].map((n) => `m${n}`));
      expect(outcomes).toEqual(Array(10).fill('ok'));
      expect(rec.types((e) => e.type === 'open' || e.type === 'close')).toEqual(['open', 'close', 'open']);
    } finally {
      task.close({});
      await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
      await own.stop();
    }
  });
});
