/**
 * The application's say in each redial (issue 14), against real loopback servers:
 * beforeRedial's fresh options, shouldReconnect, Retry-After on 429/503, task.reconnect(),
 * and sends made in onOpen going out before the queued ones.
 */
import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type ReconnectCloseInfo, type ReconnectingSocketTask } from '../../src/index.js';
import { parseRetryAfter } from '../../src/reconnect/retry-after.js';
import { FAST, useReconnectSetup } from '../support/reconnect-setup.js';
import { expectEndedForGood, expectOpenClosePairs, record, waitUntil } from './helpers.js';

const setup = useReconnectSetup();
const { api, warnings, connect, track } = setup;

const unique = (name: string): string => `${name}-${Math.random().toString(36).slice(2, 8)}`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const reconnectingReasons = (rec: ReturnType<typeof record>): string[] =>
  rec.events.flatMap((e) => (e.type === 'reconnecting' ? [e.reason] : []));

describe('beforeRedial', () => {
  it('gives each new link a fresh url and header; the first link uses connectSocket options', async () => {
    const id = unique('fresh');
    const seen: number[] = [];
    const task = connect(
      setup.server.urlFor(`/echo?id=${id}&token=t0`),
      {
        beforeRedial: async (attempt: number) => {
          seen.push(attempt);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { url: setup.server.urlFor(`/echo?id=${id}&token=t${seen.length}`), header: { 'x-token': `h${seen.length}` } };
        }
      },
      { header: { 'x-token': 'h0' } }
    );
    const rec = record(task);
    setup.server.fault({ kind: 'drop', afterMs: 10 }, { times: 2 });
    await rec.waitFor(() => rec.count('open') === 3, 'third link');
    const handshakes = setup.server.log(id).handshakes;
    expect(handshakes.map((h) => h.url.split('token=')[1])).toEqual(['t0', 't1', 't2']);
    expect(handshakes.map((h) => h.headers['x-token'])).toEqual(['h0', 'h1', 'h2']);
    // The links lived less than stableAfter: the count goes on.
    expect(seen).toEqual([1, 2]);
  });

  it('a throw or a rejection is a failed attempt with its own errMsg (610042), not a crash; the next attempt dials', async () => {
    const id = unique('refuse');
    let calls = 0;
    const task = connect(setup.server.urlFor(`/echo?id=${id}`), {
      beforeRedial: (attempt: number) => {
        calls++;
        if (calls === 1) throw new Error('token service down');
        if (calls === 2) return Promise.reject(new Error('still down'));
        if (calls === 3) return 'not options' as never;
        return { header: { 'x-attempt': String(attempt) } };
      }
    });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'first open');
    // End the first link from the server side (1006): the layer redials through beforeRedial.
    await setup.server.stop();
    await setup.server.restart();
    await rec.waitFor(() => rec.count('open') === 2, 'second open after three refused attempts');
    const errors = rec.events.filter((e) => e.type === 'error');
    expect(errors.map((e) => (e as { errCode: number }).errCode)).toEqual([
      ErrCode.REDIAL_REFUSED,
      ErrCode.REDIAL_REFUSED,
      ErrCode.REDIAL_REFUSED
    ]);
    expect(errors.map((e) => (e as { errMsg: string }).errMsg)).toEqual([
      'connectSocket:fail beforeRedial failed: token service down',
      'connectSocket:fail beforeRedial failed: rejected: still down',
      'connectSocket:fail beforeRedial failed: it must return (or resolve to) nothing or an object with url, header or protocols, got "not options"'
    ]);
    const reconnectings = rec.events.filter((e) => e.type === 'reconnecting');
    expect(reconnectings.map((e) => [(e as { attempt: number }).attempt, (e as { reason: string }).reason])).toEqual([
      [1, 'close'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error']
    ]);
    expect(setup.server.log(id).handshakes.at(-1)?.headers['x-attempt']).toBe('4');
    expectOpenClosePairs(rec);
  });

  it('counts toward maxAttempts: a beforeRedial that always fails ends in a give-up with the queue failed', async () => {
    const task = connect(setup.server.urlFor('/drop-after/10'), { maxAttempts: 2, beforeRedial: () => Promise.reject(new Error('no')) });
    const rec = record(task);
    const outcome: string[] = [];
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await rec.waitFor(() => task.readyState === task.CONNECTING, 'dropped');
    task.send({ data: 'queued', success: () => outcome.push('ok'), fail: (e) => outcome.push(String(e.errCode)) });
    await rec.waitFor(() => task.readyState === task.CLOSED, 'gave up');
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'error', 'reconnecting', 'error', 'giveup', 'close']);
    expect(rec.events.find((e) => e.type === 'giveup')).toMatchObject({
      errMsg: 'connectSocket:fail gave up reconnecting: 2 reconnect attempts failed'
    });
    expect(outcome).toEqual([String(ErrCode.GAVE_UP)]);
    expectEndedForGood(rec);
  });

  it('close() while beforeRedial is pending: no dial follows when it resolves', async () => {
    const id = unique('pending');
    let release: (v: unknown) => void = () => undefined;
    let asked = false;
    const task = connect(setup.server.urlFor(`/drop-after/10?id=${id}`), {
      beforeRedial: () => {
        asked = true;
        return new Promise((resolve) => (release = resolve));
      }
    });
    const rec = record(task);
    await rec.waitFor(() => asked, 'beforeRedial called');
    task.close({ code: 1000, reason: 'stop' });
    release({ url: setup.server.urlFor(`/echo?id=${id}`) });
    await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(setup.server.log(id).handshakes).toHaveLength(1);
    expect(rec.events.at(-1)).toMatchObject({ type: 'close', code: 1000, reason: 'stop', readyState: 3 });
  });
});

it('reconnect() while beforeRedial is pending: that call is dropped, a new one decides, one link opens', async () => {
  const id = unique('stale');
  const releases: ((v: unknown) => void)[] = [];
  const task = connect(setup.server.urlFor(`/drop-after/10?id=${id}`), {
    minDelay: 60_000,
    maxDelay: 60_000,
    beforeRedial: () => new Promise((resolve) => releases.push(resolve))
  });
  const rec = record(task);
  await rec.waitFor(() => rec.count('reconnecting') === 1, 'dropped, waiting a minute');
  task.reconnect();
  await rec.waitFor(() => releases.length === 1, 'beforeRedial called by reconnect()');
  task.reconnect();
  await rec.waitFor(() => releases.length === 2, 'called again');
  releases[1]!({ url: setup.server.urlFor(`/echo?id=${id}&n=2`) });
  releases[0]!({ url: setup.server.urlFor(`/echo?id=${id}&n=1`) }); // stale: ignored
  await rec.waitFor(() => rec.count('open') === 2, 'the new link');
  await sleep(30);
  const handshakes = setup.server.log(id).handshakes;
  expect(handshakes.map((h) => h.path)).toEqual(['/drop-after/10', '/echo']);
  expect(handshakes[1]!.url).toContain('n=2');
  expect(reconnectingReasons(rec)).toEqual(['close', 'reconnect', 'reconnect']);
});

it('reconnect() on a heartbeat-only task does nothing, and the warning channel says why', async () => {
  const task = api.connectSocket({ url: setup.server.urlFor('/echo'), heartbeat: true } as never) as ReconnectingSocketTask;
  track(task);
  const rec = record(task);
  await rec.waitFor(() => rec.count('open') === 1, 'open');
  task.reconnect();
  await sleep(20);
  expect(rec.types()).toEqual(['open']);
  expect(warnings).toContain('task.reconnect() needs the reconnect option');
});

describe('shouldReconnect', () => {
  it('false ends the task with a give-up that says so; it gets the close and the next attempt number', async () => {
    const calls: [ReconnectCloseInfo, number][] = [];
    const task = connect(setup.server.urlFor('/close/4000/kicked'), {
      shouldReconnect: (close: ReconnectCloseInfo, attempt: number) => {
        calls.push([close, attempt]);
        return false;
      }
    });
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(calls).toEqual([[{ code: 4000, reason: 'kicked', wasOpen: true }, 1]]);
    expect(rec.types()).toEqual(['open', 'giveup', 'close']);
    expect(rec.events[1]).toMatchObject({
      errCode: ErrCode.GAVE_UP,
      errMsg: 'connectSocket:fail gave up reconnecting: shouldReconnect returned false'
    });
    expectEndedForGood(rec);
  });

  it('true overrides the 4xx rule: a 401 is retried; the refused attempt comes with its error', async () => {
    const calls: ReconnectCloseInfo[] = [];
    const task = connect(setup.server.urlFor('/status/401'), {
      maxAttempts: 2,
      shouldReconnect: (close: ReconnectCloseInfo) => {
        calls.push(close);
        return true;
      }
    });
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended by maxAttempts');
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({ code: 1006, wasOpen: false, error: { errCode: ErrCode.BAD_RESPONSE_STATUS, statusCode: 401 } });
    expect(rec.events.find((e) => e.type === 'giveup')).toMatchObject({
      errMsg: 'connectSocket:fail gave up reconnecting: 2 reconnect attempts failed'
    });
  });

  it('a throwing or non-boolean predicate leaves the default rule in charge, and the warning channel says so', async () => {
    const task = connect(setup.server.urlFor('/status/403'), { shouldReconnect: () => 'yes' as never });
    const rec = record(task);
    await rec.waitFor(() => task.readyState === task.CLOSED, 'ended');
    expect(rec.events.find((e) => e.type === 'giveup')).toMatchObject({
      errMsg: 'connectSocket:fail gave up reconnecting: the server answered 403'
    });
    expect(warnings.some((w) => w.includes('shouldReconnect must return true or false'))).toBe(true);
    const throwing = connect(setup.server.urlFor('/close/4001/x'), {
      finalCodes: [4001],
      shouldReconnect: () => {
        throw new Error('oops');
      }
    });
    const rec2 = record(throwing);
    await rec2.waitFor(() => throwing.readyState === throwing.CLOSED, 'ended');
    expect(rec2.events.find((e) => e.type === 'giveup')).toMatchObject({
      errMsg: 'connectSocket:fail gave up reconnecting: close code 4001 is final'
    });
    expect(warnings.some((w) => w.includes('shouldReconnect threw') && w.includes('oops'))).toBe(true);
  });

  it('is checked like any setting: a non-function is refused at connectSocket', async () => {
    const failed: string[] = [];
    api.connectSocket({
      url: setup.server.urlFor('/echo'),
      reconnect: { shouldReconnect: true as never },
      fail: (e) => failed.push(e.errMsg)
    });
    api.connectSocket({ url: setup.server.urlFor('/echo'), reconnect: { lifecycle: 'wx' as never }, fail: (e) => failed.push(e.errMsg) });
    await waitUntil(() => failed.length === 2, 'two refusals');
    expect(failed[0]).toBe('connectSocket:fail invalid options: reconnect.shouldReconnect must be a function, got true');
    expect(failed[1]).toContain('reconnect.lifecycle must be true, false, a platform object');
  });
});

/** A plain HTTP server that refuses every upgrade with `status` and the given Retry-After. */
async function refusingServer(status: number, retryAfter: string): Promise<{ url: string; server: Server; count: () => number }> {
  let count = 0;
  const http = createServer();
  http.on('upgrade', (_request, socket) => {
    count++;
    // An upgrade socket is the handler's own: a client that resets it (a redial aborted by close()) must not crash the run.
    socket.on('error', () => undefined);
    socket.end(`HTTP/1.1 ${status} Busy\r\nRetry-After: ${retryAfter}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/`, server: http, count: () => count };
}

describe('Retry-After', () => {
  it('parses seconds and HTTP dates (the three forms of RFC 9110), and refuses the rest', () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sunday, 29-Nov-26 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun Nov 29 12:00:30 2026', now)).toBeGreaterThanOrEqual(0);
    expect(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });

  for (const status of [429, 503]) {
    it(`a ${status} with Retry-After in seconds sets the wait (at least the backoff, at most maxDelay)`, async () => {
      const refusing = await refusingServer(status, '3');
      try {
        const task = connect(refusing.url, { minDelay: 1, maxDelay: 60_000 });
        const rec = record(task);
        await rec.waitFor(() => rec.count('reconnecting') === 1, 'first reconnecting');
        expect(rec.events.find((e) => e.type === 'error')).toMatchObject({
          errCode: ErrCode.BAD_RESPONSE_STATUS,
          errMsg: `connectSocket:fail unexpected response status ${status}`
        });
        expect(rec.events.find((e) => e.type === 'reconnecting')).toMatchObject({ attempt: 1, delay: 3000, reason: 'retry-after' });
        task.close({});
      } finally {
        refusing.server.close();
      }
    });
  }

  it('an HTTP date is honoured, capped by maxDelay; another status ignores the header', async () => {
    const date = new Date(Date.now() + 3_600_000).toUTCString();
    const refusing = await refusingServer(503, date);
    const other = await refusingServer(500, '3');
    try {
      const task = connect(refusing.url, { minDelay: 1, maxDelay: 2000 });
      const rec = record(task);
      await rec.waitFor(() => rec.count('reconnecting') === 1, 'reconnecting');
      expect(rec.events.find((e) => e.type === 'reconnecting')).toMatchObject({ delay: 2000, reason: 'retry-after' });
      task.close({});
      const plain = connect(other.url, { minDelay: 1, maxDelay: 2000 });
      const rec2 = record(plain);
      await rec2.waitFor(() => rec2.count('reconnecting') >= 1, 'reconnecting'); // attempts follow fast here: take the first
      const event = rec2.events.find((e) => e.type === 'reconnecting') as { delay: number; reason: string };
      expect(event.reason).toBe('error');
      expect(event.delay).toBeLessThanOrEqual(2);
      plain.close({});
    } finally {
      refusing.server.close();
      other.server.close();
    }
  });
});

describe('task.reconnect()', () => {
  it('drops the open link with 1000 "reconnect" and dials now: onClose, onReconnecting(reason reconnect, delay 0), onOpen', async () => {
    const id = unique('manual');
    const task = connect(setup.server.urlFor(`/echo?id=${id}`));
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    task.reconnect();
    expect(task.readyState).toBe(task.CONNECTING);
    expect(rec.count('close')).toBe(0); // never inside the call
    await rec.waitFor(() => rec.count('open') === 2, 'second open');
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open']);
    expect(rec.events[1]).toMatchObject({ code: 1000, reason: 'reconnect' });
    expect(rec.events[2]).toMatchObject({ attempt: 1, delay: 0, reason: 'reconnect' });
    await waitUntil(() => setup.server.log(id).connections[0]?.closed !== undefined, 'server saw the close');
    expect(setup.server.log(id).connections[0]?.closed).toEqual({ code: 1000, reason: 'reconnect' });
  });

  it('while waiting for the next attempt: dials now with the backoff reset', async () => {
    const id = unique('waiting');
    await setup.server.stop();
    const task = connect(setup.server.urlFor(`/echo?id=${id}`), { minDelay: 60_000, maxDelay: 60_000 });
    const rec = record(task);
    await rec.waitFor(() => rec.count('reconnecting') === 1, 'waiting a minute');
    await setup.server.restart();
    task.reconnect();
    await rec.waitFor(() => rec.count('open') === 1, 'open now');
    expect(rec.types()).toEqual(['error', 'reconnecting', 'reconnecting', 'open']);
    expect(rec.events[3 - 1]).toMatchObject({ attempt: 1, delay: 0, reason: 'reconnect' });
  });

  it('after the end it does nothing and the warning channel says why', async () => {
    const task = connect(setup.server.urlFor('/echo'));
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    task.close({});
    await rec.waitFor(() => task.readyState === task.CLOSED, 'closed');
    task.reconnect();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rec.types()).toEqual(['open', 'close']);
    expect(warnings).toContain('task.reconnect() does nothing: the task has ended (create a new one)');
  });
});

describe('sends made in onOpen go before the queued ones (auth first)', () => {
  it('on the first link and after a redial, as the server receives them', async () => {
    const id = unique('auth');
    const task = connect(setup.server.urlFor(`/echo?id=${id}`));
    let link = 0;
    task.onOpen(() => task.send({ data: `auth-${++link}` }));
    task.send({ data: 'q1' });
    task.send({ data: 'q2' });
    const rec = record(task);
    await rec.waitFor(() => rec.count('message') === 3, 'three echoes');
    task.reconnect();
    task.send({ data: 'q3' });
    task.send({ data: 'q4' });
    await rec.waitFor(() => rec.count('message') === 6, 'three more echoes');
    const seen = setup.server.log(id).connections.map((c) => c.messages.map((m) => m.data));
    expect(seen[0]).toEqual(['auth-1', 'q1', 'q2']);
    expect(seen.at(-1)).toEqual(['auth-2', 'q3', 'q4']);
  });

  it('the global onSocketOpen counts as an onOpen listener; a close() in onOpen fails the queue instead', async () => {
    const id = unique('global');
    const own = createSocketApi();
    const task = own.connectSocket({ url: setup.server.urlFor(`/echo?id=${id}`), reconnect: FAST }) as ReconnectingSocketTask;
    track(task);
    own.onSocketOpen(() => void own.sendSocketMessage({ data: 'auth-global' }));
    task.send({ data: 'q1' });
    await waitUntil(() => (setup.server.log(id).connections[0]?.messages.length ?? 0) === 2, 'two messages');
    expect(setup.server.log(id).connections[0]?.messages.map((m) => m.data)).toEqual(['auth-global', 'q1']);

    const closing = connect(setup.server.urlFor('/echo'));
    const outcomes: number[] = [];
    closing.onOpen(() => closing.close({ code: 1000, reason: 'no thanks' }));
    closing.send({ data: 'never', fail: (e) => outcomes.push(e.errCode) });
    const rec = record(closing);
    await rec.waitFor(() => closing.readyState === closing.CLOSED, 'closed');
    expect(outcomes).toEqual([ErrCode.CLOSED_BEFORE_WRITE]);
  });
});
