/**
 * App hide/show and network changes (issue 14), driven through the platform events
 * stand-in (`wx`'s names) and a browser window made of real EventTargets, against a real
 * loopback server: no heartbeat deadline spent while hidden, a probe and an immediate
 * redial on show, no attempts while offline, an immediate redial with the backoff reset
 * when the network comes back; each transition reported through onReconnecting.
 */
import type { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSocketApi, ErrCode, type ReconnectingSocketTask, type SocketTask } from '../../src/index.js';
import { createPlatformEvents, createTestServer, type PlatformEvents, type TestServer } from '../../src/testing/index.js';
import * as testing from '../../src/testing/index.js';
import { expectOpenClosePairs, record, waitUntil, type Event } from './helpers.js';

let server: TestServer;
const warnings: string[] = [];
const api = createSocketApi({ warn: (m) => warnings.push(m) });
const tasks: SocketTask[] = [];
const platforms: PlatformEvents[] = [];

beforeAll(async () => {
  server = await createTestServer();
});
afterEach(async () => {
  vi.useRealTimers();
  server.fault(undefined);
  await server.restart();
  for (const task of tasks.splice(0)) if (task.readyState < task.CLOSING) task.close({});
  for (const p of platforms.splice(0)) p.dispose();
  warnings.length = 0;
});
afterAll(() => server.close());

function platform(options: Parameters<typeof createPlatformEvents>[0] = {}): PlatformEvents {
  const p = createPlatformEvents({ suspendAfter: 0, ...options });
  platforms.push(p);
  return p;
}

function connect(path: string, reconnect: Record<string, unknown>, extra: Record<string, unknown> = {}): ReconnectingSocketTask {
  const task = api.connectSocket({
    url: server.urlFor(path),
    reconnect: { minDelay: 5, maxDelay: 40, ...reconnect },
    ...extra
  } as never) as ReconnectingSocketTask;
  tasks.push(task);
  return task;
}

const reconnectings = (events: Event[]): { attempt: number; delay: number; reason: string }[] =>
  events.flatMap((e) => (e.type === 'reconnecting' ? [{ attempt: e.attempt, delay: e.delay, reason: e.reason }] : []));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const unique = (name: string): string => `${name}-${Math.random().toString(36).slice(2, 8)}`;

describe('installing and removing the platform listeners', () => {
  it('registers after connectSocket returns, and removes every listener on close() and on give-up', async () => {
    const p = platform();
    const task = connect('/echo', { lifecycle: p });
    expect(p.listenerCount()).toBe(0);
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    expect(p.listenerCount()).toBe(3);
    task.close({});
    await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
    expect(p.listenerCount()).toBe(0);

    const q = platform();
    const refused = connect('/status/401', { lifecycle: q });
    const rec2 = record(refused);
    await rec2.waitFor(() => refused.readyState === refused.CLOSED, 'gave up');
    expect(rec2.count('giveup')).toBe(1);
    expect(q.listenerCount()).toBe(0);
  });

  it('lifecycle: false registers nothing; a platform without off* leaves inert listeners and says so', async () => {
    const p = platform();
    const off = connect('/echo', { lifecycle: false });
    const rec = record(off);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    expect(p.listenerCount()).toBe(0);

    const old = platform({ quirks: { noOff: true } });
    const task = connect('/echo', { lifecycle: old });
    const rec2 = record(task);
    await rec2.waitFor(() => rec2.count('open') === 1, 'open');
    task.close({});
    await rec2.waitFor(() => task.readyState === task.CLOSED, 'closed');
    expect(warnings).toContain('lifecycle: the platform has no offAppHide; its listener stays registered, inert');
    old.hide();
    old.setNetwork('none');
    await sleep(10);
    expect(rec2.count('reconnecting')).toBe(0);
  });
});

describe('app hide and show', () => {
  it('while hidden no heartbeat deadline is spent; on show the link is probed at once and, dead, redialled at once', async () => {
    const p = platform();
    const id = unique('hidden');
    // /no-pong: the server echoes but never answers a ping, like a link whose far end is gone.
    const task = connect(
      `/no-pong?id=${id}`,
      { lifecycle: p, minDelay: 60_000, maxDelay: 60_000 },
      { heartbeat: { interval: 20, timeout: 40 } }
    );
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    p.hide();
    await rec.waitFor(() => rec.count('reconnecting') === 1, 'hide reported');
    // Ten heartbeat timeouts pass while hidden: a running heartbeat would have ended the link.
    await sleep(400);
    expect(rec.types()).toEqual(['open', 'reconnecting']);
    expect(reconnectings(rec.events)[0]).toEqual({ attempt: 0, delay: -1, reason: 'hide' });
    server.fault(undefined);
    p.show();
    await rec.waitFor(() => rec.count('open') === 2, 'redialled at once (minDelay is a minute)');
    expect(rec.types()).toEqual(['open', 'reconnecting', 'reconnecting', 'error', 'close', 'reconnecting', 'open']);
    expect(rec.events[3]).toMatchObject({ errCode: ErrCode.HEARTBEAT_TIMEOUT });
    expect(reconnectings(rec.events).slice(1)).toEqual([
      { attempt: 0, delay: -1, reason: 'show' },
      { attempt: 1, delay: 0, reason: 'show' }
    ]);
    expectOpenClosePairs(rec);
  });

  it('while hidden, heartbeat messages still go out (a proxy needs traffic), with no deadline armed', async () => {
    const stop = server.onConnection(() => undefined); // a server that reads and never answers
    try {
      const p = platform();
      const id = unique('quiet');
      const task = connect(
        `/quiet?id=${id}`,
        { lifecycle: p, minDelay: 60_000, maxDelay: 60_000 },
        { heartbeat: { message: 'hb', interval: 20, timeout: 40 } }
      );
      const rec = record(task);
      await rec.waitFor(() => rec.count('open') === 1, 'open');
      p.hide();
      await rec.waitFor(() => rec.count('reconnecting') === 1, 'hide reported');
      const before = server.log(id).connections[0]!.messages.length;
      await sleep(400);
      expect(rec.types()).toEqual(['open', 'reconnecting']);
      expect(server.log(id).connections[0]!.messages.length - before).toBeGreaterThanOrEqual(3);
      p.show();
      await rec.waitFor(() => rec.count('error') === 1, 'the show probe unanswered');
      expect(rec.events.find((e) => e.type === 'error')).toMatchObject({ errCode: ErrCode.HEARTBEAT_TIMEOUT });
    } finally {
      stop();
    }
  });

  it('a live link answers the show probe (a ping, even without heartbeat) and stays', async () => {
    const p = platform();
    const id = unique('live');
    const task = connect(`/echo?id=${id}`, { lifecycle: p });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    p.hide();
    p.show();
    await rec.waitFor(() => rec.count('reconnecting') === 2, 'hide and show reported');
    await sleep(50);
    expect(rec.types()).toEqual(['open', 'reconnecting', 'reconnecting']);
    expect(task.readyState).toBe(task.OPEN);
    task.send({ data: 'still here' });
    await rec.waitFor(() => rec.count('message') === 1, 'echo');
  });

  it('WeChat suspends the hidden app (~5 s): a link closed { 1000, "interrupted" } waits its backoff, and show dials at once', async () => {
    const sockets: WebSocket[] = [];
    const stop = server.onConnection((socket) => {
      sockets.push(socket);
      socket.on('message', (data, binary) => socket.send(data, { binary }));
    });
    try {
      const p = platform({
        suspendAfter: 30,
        onSuspend: () => {
          for (const s of sockets) s.close(1000, 'interrupted');
        }
      });
      const task = connect('/app', { lifecycle: p, minDelay: 60_000, maxDelay: 60_000 });
      const rec = record(task);
      await rec.waitFor(() => rec.count('open') === 1, 'open');
      p.hide();
      await rec.waitFor(() => rec.count('close') === 1, 'interrupted');
      expect(rec.events.find((e) => e.type === 'close')).toMatchObject({ code: 1000, reason: 'interrupted' });
      const wait = reconnectings(rec.events).at(-1)!;
      expect(wait).toMatchObject({ attempt: 1, reason: 'close' });
      expect(wait.delay).toBeGreaterThanOrEqual(60_000);
      p.show();
      await rec.waitFor(() => rec.count('open') === 2, 'dialled on show');
      expect(reconnectings(rec.events).at(-1)).toEqual({ attempt: 1, delay: 0, reason: 'show' });
    } finally {
      stop();
    }
  });
});

describe('network lost and back', () => {
  it('no attempts while offline (none counted toward maxAttempts); back: redial at once, backoff reset', async () => {
    const p = platform();
    const id = unique('offline');
    const task = connect(`/echo?id=${id}`, { lifecycle: p, maxAttempts: 5 });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await server.stop(); // the link drops and attempts are refused
    await rec.waitFor(() => rec.count('error') >= 1, 'a refused attempt');
    p.setNetwork('none');
    await rec.waitFor(() => reconnectings(rec.events).some((e) => e.reason === 'offline'), 'offline reported');
    const handshakes = server.log(id).handshakes.length;
    const errors = rec.count('error');
    await sleep(300); // 7x maxDelay: five attempts would have given up
    expect(server.log(id).handshakes.length).toBe(handshakes);
    expect(rec.count('error')).toBe(errors);
    expect(rec.count('giveup')).toBe(0);
    expect(task.readyState).toBe(task.CONNECTING);
    await server.restart();
    p.setNetwork('4g');
    await rec.waitFor(() => rec.count('open') === 2, 'back online');
    expect(reconnectings(rec.events).at(-1)).toEqual({ attempt: 1, delay: 0, reason: 'online' });
    expect(reconnectings(rec.events).find((e) => e.reason === 'offline')).toMatchObject({ delay: -1 });
  });

  it('a missed "back online" event (uni-app#1288) is caught by re-reading getNetworkType every maxDelay', async () => {
    const p = platform({ quirks: { missBackOnline: true } });
    const task = connect('/echo', { lifecycle: p, maxDelay: 50 });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    p.setNetwork('none');
    await server.stop();
    await rec.waitFor(
      () => task.readyState === task.CONNECTING && reconnectings(rec.events).some((e) => e.reason === 'offline'),
      'offline'
    );
    await server.restart();
    p.setNetwork('wifi'); // not reported by the event
    await rec.waitFor(() => rec.count('open') === 2, 'back, found by getNetworkType');
    expect(reconnectings(rec.events).at(-1)).toMatchObject({ delay: 0, reason: 'online' });
  });

  it('Wi-Fi to 4G while waiting: dial now; while open: probe the link', async () => {
    const p = platform({ networkType: 'wifi' });
    const task = connect('/echo', { lifecycle: p, minDelay: 60_000, maxDelay: 60_000 });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await sleep(10); // the install-time getNetworkType answered: the type is known
    p.setNetwork('4g');
    await rec.waitFor(() => rec.count('reconnecting') === 1, 'change reported');
    expect(reconnectings(rec.events)[0]).toEqual({ attempt: 0, delay: -1, reason: 'network-change' });
    await server.stop();
    await rec.waitFor(() => rec.count('reconnecting') === 2, 'waiting a minute');
    expect(reconnectings(rec.events)[1]).toMatchObject({ attempt: 1, reason: 'close' });
    await server.restart();
    p.setNetwork('wifi');
    await rec.waitFor(() => rec.count('open') === 2, 'dialled on the change');
    expect(reconnectings(rec.events).at(-1)).toEqual({ attempt: 1, delay: 0, reason: 'network-change' });
  });
});

describe('the browser source: visibilitychange, online/offline (EventTargets, as a page has them)', () => {
  class FakeDocument extends EventTarget {
    visibilityState = 'visible';
    set(state: 'visible' | 'hidden'): void {
      this.visibilityState = state;
      this.dispatchEvent(new Event('visibilitychange'));
    }
  }
  function page(): EventTarget & { document: FakeDocument; navigator: { onLine: boolean } } {
    return Object.assign(new EventTarget(), { document: new FakeDocument(), navigator: { onLine: true } });
  }

  it('hidden/visible are hide/show; online is trusted after a second, offline at once', async () => {
    const win = page();
    const task = connect('/echo', { lifecycle: win });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    win.document.set('hidden');
    win.document.set('visible');
    expect(reconnectings(rec.events).map((e) => e.reason)).toEqual(['hide', 'show']);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    win.dispatchEvent(new Event('offline'));
    win.dispatchEvent(new Event('online'));
    win.dispatchEvent(new Event('offline')); // cancels the pending online
    win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(999);
    expect(reconnectings(rec.events).map((e) => e.reason)).toEqual(['hide', 'show', 'offline']);
    vi.advanceTimersByTime(1);
    expect(reconnectings(rec.events).map((e) => e.reason)).toEqual(['hide', 'show', 'offline', 'online']);
    vi.useRealTimers();
    task.close({});
    await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
    // Uninstalled: nothing more is reported.
    win.document.set('hidden');
    win.dispatchEvent(new Event('offline'));
    expect(rec.count('reconnecting')).toBe(4);
  });
});

it("default: the API's native platform object (createSocketApi({ native })) is the source", async () => {
  // With the native engine (issue 11) `native` also carries the sockets: then the stand-in
  // platform is the native stand-in with the app and network events added.
  const kit = testing as Record<string, unknown>;
  const events = platform();
  const native =
    typeof kit.createNativeStandIn === 'function' ? Object.assign((kit.createNativeStandIn as () => object)(), events) : events;
  const nativeApi = createSocketApi({ native, warn: (m: string) => warnings.push(m) } as never);
  const task = nativeApi.connectSocket({
    url: server.urlFor('/echo'),
    reconnect: { minDelay: 5, maxDelay: 40 }
  } as never) as ReconnectingSocketTask;
  tasks.push(task);
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  expect(events.listenerCount()).toBe(3);
  events.hide();
  await rec.waitFor(() => rec.count('reconnecting') === 1, 'hide reported');
  expect(reconnectings(rec.events)[0]).toMatchObject({ reason: 'hide', delay: -1 });
  task.close({});
  await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
  expect(events.listenerCount()).toBe(0);
});

it('default: in Node (no document, no native object) no source is installed and nothing changes', async () => {
  const task = connect('/echo', {});
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  expect('document' in globalThis).toBe(false);
  task.close({});
  await waitUntil(() => task.readyState === task.CLOSED, 'closed');
  expect(rec.types()).toEqual(['open', 'close']);
});
