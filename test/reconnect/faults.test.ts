/**
 * The reconnecting task against each fault of the test server: it recovers where it
 * should, gives up where it should, and in every case each send gets exactly one outcome,
 * messages arrive at most once and in order, and nothing queued is dropped without fail.
 */
import { describe, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type ReconnectingSocketTask, type SocketError } from '../../src/index.js';
import { FAST, useReconnectSetup } from '../support/reconnect-setup.js';
import {
  expectAtMostOnceInOrder,
  expectEndedForGood,
  expectOpenClosePairs,
  NumberedSender,
  received,
  record,
  waitUntil
} from './helpers.js';

const setup = useReconnectSetup();
const { api, warnings, track } = setup;

/** A task on `path`, tagged with an id of its own, FAST unless `extra` has a reconnect of its own. */
function connect(path: string, extra: Record<string, unknown> = {}): ReconnectingSocketTask {
  const id = `${path.replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
  return track(
    api.connectSocket({ url: setup.server.urlFor(`${path}?id=${id}`), reconnect: FAST, ...extra } as never) as ReconnectingSocketTask
  );
}

const handshakesTo = (path: string): number => setup.server.handshakes.filter((h) => h.path === path).length;

describe('recovers', () => {
  it('after a dropped TCP connection: close 1006 for the link, onReconnecting, a new onOpen; listeners kept', async () => {
    setup.server.fault({ kind: 'drop', afterMs: 20 }, { times: 1 });
    const task = connect('/echo');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 2, 'second open');
    const link = rec.events.find((e) => e.type === 'close');
    expect(link).toMatchObject({ code: 1006, reason: '', readyState: task.CONNECTING });
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open']);
    expect(rec.events[2]).toMatchObject({ attempt: 1 });
    task.send({ data: 'after' });
    await rec.waitFor(() => rec.count('message') === 1, 'echo on the second link');
    task.close({ code: 1000, reason: 'bye' });
    await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open', 'message', 'close']);
    expect(rec.events.at(-1)).toMatchObject({ code: 1000, reason: 'bye', readyState: task.CLOSED });
    expectOpenClosePairs(rec);
  });

  it('while the server is stopped (refused): errors per attempt, queued sends flushed in order after restart', async () => {
    const task = connect('/echo');
    const rec = record(task);
    const sender = new NumberedSender(task, 'q');
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await setup.server.stop();
    await rec.waitFor(() => rec.count('close') === 1 && rec.count('error') >= 2, 'link closed and two refused attempts');
    for (let i = 0; i < 20; i++) sender.send();
    expect(task.readyState).toBe(task.CONNECTING);
    const refusals = rec.events.filter((e) => e.type === 'error');
    expect(refusals.every((e) => (e as { errCode: number }).errCode === ErrCode.CONNECTION_REFUSED)).toBe(true);
    await setup.server.restart();
    await rec.waitFor(() => rec.count('open') === 2 && sender.settled(), 'reopened and flushed');
    sender.expectOneOutcomeEach();
    expect(sender.outcomes.every((o) => o.result === 'success')).toBe(true);
    await waitUntil(() => received(setup.server, 'q').length === 20, 'server received all 20');
    expect(received(setup.server, 'q')).toEqual([...Array(20).keys()]);
    // Attempts that never opened gave onError only: no close between the refused attempts.
    expectOpenClosePairs(rec);
    expect(rec.types((e) => e.type === 'open' || e.type === 'close')).toEqual(['open', 'close', 'open']);
  });

  it('after HTTP 500 and 503 (retried) it opens', async () => {
    setup.server.fault({ kind: 'status', status: 500 }, { times: 2 });
    const task = connect('/echo');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    expect(rec.types()).toEqual(['error', 'reconnecting', 'error', 'reconnecting', 'open']);
    expect(rec.events[0]).toMatchObject({
      errCode: ErrCode.BAD_RESPONSE_STATUS,
      errMsg: 'connectSocket:fail unexpected response status 500'
    });
  });

  it('after a handshake that never answers (timeout), then a server that answers', async () => {
    setup.server.fault({ kind: 'no-handshake' }, { times: 1 });
    const task = connect('/echo', { timeout: 150 });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    expect(rec.types()).toEqual(['error', 'reconnecting', 'open']);
    expect(rec.events[0]).toMatchObject({ errCode: ErrCode.TIMEOUT, errMsg: 'connectSocket:fail timeout' });
  });

  it('after half a frame and a reset: no message, close 1006, reconnect', async () => {
    setup.server.fault({ kind: 'drop-mid-message' }, { times: 1 });
    const task = connect('/echo');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 2, 'second open');
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open']);
    expect(rec.events[1]).toMatchObject({ code: 1006 });
  });

  it('after a close code that is not final', async () => {
    setup.server.fault({ kind: 'close', code: 4000, reason: 'again' }, { times: 1 });
    const task = connect('/echo', { reconnect: { ...FAST, finalCodes: [4001] } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 2, 'second open');
    expect(rec.events[1]).toMatchObject({ type: 'close', code: 4000, reason: 'again', readyState: task.CONNECTING });
  });

  it('the path fault /drop-mid-message works without fault(): the link opens and drops each time', async () => {
    const task = connect('/drop-mid-message');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') >= 2 && rec.count('close') >= 2, 'two links');
    expect(rec.events.filter((e) => e.type === 'close').every((e) => (e as { code: number }).code === 1006)).toBe(true);
  });
});

describe('gives up', () => {
  it.each([401, 403])('on HTTP %i at once: error, onGiveUp, then onClose 1006 last; queued sends fail', async (status) => {
    setup.server.fault({ kind: 'status', status });
    const task = connect('/echo');
    const rec = record(task);
    const sender = new NumberedSender(task);
    sender.send();
    sender.send();
    task.send({ data: 'no callbacks' });
    await rec.waitFor(() => task.readyState === task.CLOSED && sender.settled(), 'gave up');
    expect(warnings).toContain(
      `1 queued sends without callbacks were not sent: sendSocketMessage:fail gave up reconnecting: the server answered ${status}`
    );
    expect(rec.types()).toEqual(['error', 'giveup', 'close']);
    expect(rec.events[1]).toMatchObject({
      errCode: ErrCode.GAVE_UP,
      errMsg: `connectSocket:fail gave up reconnecting: the server answered ${status}`
    });
    expect(rec.events[2]).toMatchObject({ code: 1006, reason: '' });
    sender.expectOneOutcomeEach();
    expect(sender.outcomes.map((o) => o.errCode)).toEqual([ErrCode.GAVE_UP, ErrCode.GAVE_UP]);
    expect(handshakesTo('/echo')).toBeGreaterThan(0);
  });

  it('on a 4xx listed in retryStatus it retries', async () => {
    setup.server.fault({ kind: 'status', status: 401 }, { times: 1 });
    const task = connect('/echo', { reconnect: { ...FAST, retryStatus: [401] } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    expect(rec.types()).toEqual(['error', 'reconnecting', 'open']);
  });

  it('on a final close code: onGiveUp then one onClose with that code, readyState CLOSED; no new handshake', async () => {
    const task = connect('/close/4001/logged%20out', { reconnect: { ...FAST, finalCodes: [4001] } });
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(rec.types()).toEqual(['open', 'giveup', 'close']);
    expect(rec.events[2]).toMatchObject({ code: 4001, reason: 'logged out', readyState: task.CLOSED });
    await new Promise((r) => setTimeout(r, 100));
    expect(handshakesTo('/close/4001/logged%20out')).toBe(1);
    expectEndedForGood(rec);
  });

  it('after maxAttempts refused reconnects: every queued send fails, onClose is last', async () => {
    const task = connect('/echo', { reconnect: { ...FAST, maxAttempts: 3 } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await setup.server.stop();
    const sender = new NumberedSender(task);
    await rec.waitFor(() => rec.count('close') === 1, 'link closed');
    for (let i = 0; i < 5; i++) sender.send();
    await rec.waitFor(() => task.readyState === task.CLOSED && sender.settled(), 'gave up');
    expect(rec.types()).toEqual([
      'open',
      'close',
      'reconnecting',
      'error',
      'reconnecting',
      'error',
      'reconnecting',
      'error',
      'giveup',
      'close'
    ]);
    expect(rec.events.filter((e) => e.type === 'reconnecting').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    expect(rec.events.at(-2)).toMatchObject({ errMsg: 'connectSocket:fail gave up reconnecting: 3 reconnect attempts failed' });
    sender.expectOneOutcomeEach();
    expect(sender.outcomes.every((o) => o.errCode === ErrCode.GAVE_UP)).toBe(true);
    expectEndedForGood(rec);
  });

  it("the application's close() between links: no onGiveUp, onClose with the requested code, queued sends fail", async () => {
    const task = connect('/echo');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await setup.server.stop();
    await rec.waitFor(() => rec.count('error') >= 1, 'a refused attempt');
    const sender = new NumberedSender(task);
    sender.send();
    let closeResult: unknown;
    task.close({ code: 4100, reason: 'leaving', success: (r) => (closeResult = r) });
    expect(task.readyState).toBe(task.CLOSING);
    await rec.waitFor(() => task.readyState === task.CLOSED && sender.settled(), 'closed');
    expect(closeResult).toEqual({ errMsg: 'closeSocket:ok' });
    expect(rec.count('giveup')).toBe(0);
    expect(rec.events.at(-1)).toMatchObject({ type: 'close', code: 4100, reason: 'leaving', readyState: 3 });
    expect(sender.outcomes[0]).toMatchObject({ result: 'fail', errCode: ErrCode.CLOSED_BEFORE_WRITE });
    const handshakes = setup.server.handshakes.length;
    await setup.server.restart();
    await new Promise((r) => setTimeout(r, 100));
    expect(setup.server.handshakes.length).toBe(handshakes);
  });
});

describe('heartbeat', () => {
  it('a server that stops answering pings: error HEARTBEAT_TIMEOUT, close 1006, reconnect', async () => {
    setup.server.fault({ kind: 'no-pong' }, { times: 1 });
    const task = connect('/echo', { heartbeat: { interval: 30, timeout: 300 } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 2, 'second open');
    expect(rec.types()).toEqual(['open', 'error', 'close', 'reconnecting', 'open']);
    expect(rec.events[1]).toMatchObject({
      errCode: ErrCode.HEARTBEAT_TIMEOUT,
      errMsg: 'connectSocket:fail heartbeat timeout: no pong within 300 ms'
    });
    expect(rec.events[2]).toMatchObject({ code: 1006, reason: '' });
    // The second link answers: it stays up through many heartbeats.
    await new Promise((r) => setTimeout(r, 400));
    expect(rec.count('open')).toBe(2);
    expect(rec.count('close')).toBe(1);
  });

  it('heartbeat without reconnect: the dead link ends the task for good, no onGiveUp', async () => {
    const task = api.connectSocket({
      url: setup.server.urlFor('/no-pong'),
      heartbeat: { interval: 20, timeout: 40 }
    } as never) as ReconnectingSocketTask;
    track(task);
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(rec.types()).toEqual(['open', 'error', 'close']);
    expect(rec.events[2]).toMatchObject({ code: 1006, readyState: 3 });
  });

  it('a server that stops reading: the heartbeat ends the link; sends not written fail, none twice', async () => {
    setup.server.fault({ kind: 'stop-reading' }, { times: 1 });
    const task = connect('/echo', { heartbeat: { interval: 50, timeout: 300 } });
    const rec = record(task);
    const sender = new NumberedSender(task, 'big');
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 40; i++) sender.send(chunk);
    await rec.waitFor(() => rec.count('open') === 2 && sender.settled(), 'second link and every outcome');
    sender.expectOneOutcomeEach();
    const failed = sender.outcomes.filter((o) => o.result === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((o) => o.errCode === ErrCode.CLOSED_BEFORE_WRITE)).toBe(true);
    expect(rec.types().slice(0, 3)).toEqual(['open', 'error', 'close']);
    expectAtMostOnceInOrder(received(setup.server, 'big'), sender);
  });

  it('an application heartbeat message: alive while the echo matches pong, dead when nothing matches', async () => {
    const alive = connect('/echo', { heartbeat: { interval: 20, timeout: 300, message: 'hb', pong: 'hb' } });
    const dead = connect('/echo', {
      reconnect: false,
      heartbeat: { interval: 20, timeout: 60, message: 'hb', pong: (d: unknown) => d === 'pong' }
    });
    const recAlive = record(alive);
    const recDead = record(dead);
    await recDead.waitFor(() => dead.readyState === dead.CLOSED, 'dead link ended');
    expect(recDead.types((e) => e.type !== 'message')).toEqual(['open', 'error', 'close']);
    await recAlive.waitFor(() => recAlive.count('message') >= 5, 'five heartbeat echoes');
    expect(recAlive.count('close')).toBe(0);
    expect(recAlive.events.filter((e) => e.type === 'message').every((e) => (e as { data: unknown }).data === 'hb')).toBe(true);
  });
});

describe('queue and options', () => {
  it('sends before the first open are queued and written in order, after sends made in onOpen (auth first)', async () => {
    const task = connect('/echo');
    const order: string[] = [];
    task.onOpen(() => task.send({ data: 'from-onOpen', success: () => order.push('from-onOpen') }));
    task.send({ data: 'early-1', success: () => order.push('early-1') });
    task.send({ data: 'early-2', success: () => order.push('early-2') });
    await waitUntil(() => order.length === 3, 'three writes');
    expect(order).toEqual(['from-onOpen', 'early-1', 'early-2']);
  });

  it('overflow by count or bytes fails that send with QUEUE_OVERFLOW; nothing else is dropped', async () => {
    setup.server.fault({ kind: 'no-handshake' });
    const task = connect('/echo', { reconnect: { ...FAST, maxQueued: 2, maxQueuedBytes: 10 } });
    const sender = new NumberedSender(task);
    sender.send();
    sender.send();
    sender.send();
    const bytes = connect('/echo', { reconnect: { ...FAST, maxQueuedBytes: 10 } });
    const byteSender = new NumberedSender(bytes);
    byteSender.send('12345');
    byteSender.send('123');
    // "0:12345" is 7 bytes; "1:123" (5 more) would make 12 > 10.
    await waitUntil(() => sender.outcomes[2]!.count === 1 && byteSender.outcomes[1]!.count === 1, 'overflow failures');
    expect(sender.outcomes[2]).toMatchObject({ result: 'fail', errCode: ErrCode.QUEUE_OVERFLOW });
    expect(byteSender.outcomes[1]).toMatchObject({ result: 'fail', errCode: ErrCode.QUEUE_OVERFLOW });
    expect(sender.outcomes[0]!.count + sender.outcomes[1]!.count + byteSender.outcomes[0]!.count).toBe(0);
    setup.server.fault(undefined);
    task.close({});
    bytes.close({});
    await waitUntil(() => sender.settled() && byteSender.settled(), 'all settled on close');
    sender.expectOneOutcomeEach();
    byteSender.expectOneOutcomeEach();
  });

  it('bad settings fail like any bad option: fail, complete, onError, a dead task that still has every method', async () => {
    // Its own tag: a task left by an earlier test may still dial /echo (on a loaded machine).
    const url = setup.server.urlFor('/echo?id=bad-settings');
    const tagged = (): number => setup.server.handshakes.filter((h) => h.url === '/echo?id=bad-settings').length;
    const calls: string[] = [];
    const task = api.connectSocket({
      url,
      reconnect: { maxDelays: 100 },
      fail: (e: SocketError) => calls.push(`fail ${e.errCode} ${e.errMsg}`),
      complete: () => calls.push('complete')
    } as never) as ReconnectingSocketTask;
    task.onError((e) => calls.push(`error ${e.errMsg}`));
    task.onReconnecting(() => calls.push('reconnecting'));
    await waitUntil(() => calls.length === 3, 'three calls');
    const msg = 'connectSocket:fail invalid options: reconnect.maxDelays is not a setting';
    expect(calls).toEqual([`fail ${ErrCode.INVALID_OPTIONS} ${msg}`, 'complete', `error ${msg}`]);
    expect(task.readyState).toBe(task.CLOSED);
    for (const bad of [
      { reconnect: { minDelay: -1 } },
      { reconnect: 'yes' },
      { heartbeat: { interval: 0 } },
      { heartbeat: { pong: 'x' } },
      { reconnect: { finalCodes: [99] } }
    ]) {
      let error: { errMsg: string } | undefined;
      api.connectSocket({ url, ...bad, fail: (e: { errMsg: string }) => (error = e) } as never);
      await waitUntil(() => error !== undefined, `fail for ${JSON.stringify(bad)}`);
      expect(error!.errMsg).toMatch(/^connectSocket:fail invalid options: (reconnect|heartbeat)/);
    }
    expect(tagged()).toBe(0);
  });

  it('without reconnect or heartbeat (or with both false) connectSocket returns a plain task', () => {
    const plain = api.connectSocket({ url: setup.server.urlFor('/echo'), reconnect: false, heartbeat: false });
    track(plain);
    expect('onReconnecting' in plain).toBe(false);
    const layered = connect('/echo');
    expect(typeof layered.onReconnecting).toBe('function');
    expect(layered.socketTaskId).toBeGreaterThan(plain.socketTaskId);
  });

  it('the taro profile resolves its Promise with the reconnecting task', async () => {
    const taro = createSocketApi({ profile: 'taro' });
    const task = (await taro.connectSocket({
      url: setup.server.urlFor('/echo'),
      reconnect: FAST
    } as never)) as unknown as ReconnectingSocketTask & { errMsg: string };
    track(task);
    expect(task.errMsg).toBe('connectSocket:ok');
    expect(typeof task.onGiveUp).toBe('function');
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
  });
});
