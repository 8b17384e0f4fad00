/**
 * Limits: the connection limit (docs/contract.md section 2), the inbound maxPayload (section 7) and
 * the 16 MiB send queue (section 3).
 */
import type { SocketApi, SocketError, SocketTask } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { defineCase, delay, events, openTask, outcome, waitFor, type Ctx, type Outcome } from './harness.js';
import { rejectOptions } from './rejected.js';
import { expectEnding } from './terminal.js';

/** The limit errMsg of each profile (docs/contract.md section 8); the profiles without their own text use minisocket's. */
function limitTextOf(profile: Ctx['profile'], n: number): string {
  if (profile === 'wx' || profile === 'tt') return `connectSocket:fail fail reach max websocket connect count ${n}`;
  if (profile === 'taro') return `connectSocket:fail 同时最多发起 ${n} 个 socket 请求，更多请参考文档。`;
  return `connectSocket:fail reach max websocket connect count ${n}`;
}

/** A connectSocket to `url` that the limit of `max` refuses: TOO_MANY_CONNECTIONS with the profile's text, through every channel. */
const rejectOverLimit = (ctx: Ctx, api: SocketApi, url: string, max: number, what: string): Promise<SocketError> =>
  rejectOptions(ctx, api, { url }, { errCode: ErrCode.TOO_MANY_CONNECTIONS, errMsg: limitTextOf(ctx.profile, max) }, what);

/** The default limit of each profile (docs/contract.md section 8). */
const defaultLimitOf = (profile: Ctx['profile']): number | undefined =>
  profile === 'wx' || profile === 'tt' || profile === 'taro' ? 5 : undefined;

export const limitCases = [
  defineCase('maxConnections: the call over the limit fails with the standard text; the others are unaffected', async (ctx) => {
    const api = ctx.createSocketApi({ maxConnections: 2 });
    const { task: t1 } = await openTask(ctx, api, '/echo', {}, '1');
    const { task: t2 } = await openTask(ctx, api, '/echo', {}, '2');
    await rejectOverLimit(ctx, api, ctx.url('/echo', '3'), 2, 'third');
    assert.equal((await ctx.serverLog('3')).handshakes.length, 0, 'the third never dialled');
    assert.deepEqual([t1.readyState, t2.readyState], [1, 1], 'the first two stay open');
  }),

  defineCase('a CONNECTING task holds its slot; its slot is free once it has closed', async (ctx) => {
    const api = ctx.createSocketApi({ maxConnections: 2 });
    const h1 = api.connectSocket({ url: ctx.url('/hang') });
    api.connectSocket({ url: ctx.url('/hang') });
    await rejectOverLimit(ctx, api, ctx.url('/echo'), 2, 'over the limit');
    const closed = waitFor(h1, 'close');
    h1.close();
    await closed;
    await openTask(ctx, api, '/echo', {}, 'after');
  }),

  defineCase('a CLOSING task still holds its slot', async (ctx) => {
    const api = ctx.createSocketApi({ maxConnections: 1 });
    const { task } = await openTask(ctx, api, '/echo');
    task.close();
    await rejectOverLimit(ctx, api, ctx.url('/echo', 'x'), 1, 'while CLOSING');
  }),

  defineCase('reconnecting inside onClose at the limit works', async (ctx) => {
    const api = ctx.createSocketApi({ maxConnections: 1 });
    const first = api.connectSocket({ url: ctx.url('/close/4000') });
    const second = new Promise<{ task: SocketTask; cb: Outcome }>((resolve) => {
      first.onClose(() => {
        const cb = outcome();
        resolve({ task: api.connectSocket({ url: ctx.url('/echo', 'again'), ...cb.handlers }), cb });
      });
    });
    const { task, cb } = await second;
    await waitFor(task, 'open');
    assert.deepEqual(cb.names(), ['success', 'complete'], 'the reconnect succeeded');
  }),

  defineCase('a task that failed validation holds no slot', async (ctx) => {
    const api = ctx.createSocketApi({ maxConnections: 1 });
    await rejectOptions(ctx, api, { url: 'http://bad/' }, { errCode: ErrCode.INVALID_URL }, 'bad url');
    await openTask(ctx, api, '/echo');
  }),

  defineCase('the standard profile has no default limit', async (ctx) => {
    const api = ctx.createSocketApi();
    const limit = defaultLimitOf(ctx.profile);
    if (limit !== undefined) {
      // wx, tt, taro: five at once by default; the sixth is refused with the profile's text.
      const held = Array.from({ length: limit }, (_, i) => api.connectSocket({ url: ctx.url('/echo', String(i)) }));
      await Promise.all(held.map((task) => waitFor(task, 'open')));
      await rejectOverLimit(ctx, api, ctx.url('/echo', 'over'), limit, 'over the default limit');
      return;
    }
    const tasks = Array.from({ length: 7 }, (_, i) => api.connectSocket({ url: ctx.url('/echo', String(i)) }));
    await Promise.all(tasks.map((task) => waitFor(task, 'open')));
  }),

  defineCase('maxPayload: a larger inbound message is an error MESSAGE_TOO_BIG, then close 1009', async (ctx) => {
    const api = ctx.createSocketApi({ maxPayload: 1024 });
    for (const path of ['/send-binary/2048', '/send-text/2048']) {
      const task = api.connectSocket({ url: ctx.url(path) });
      const { error, close } = await expectEnding(events(task), { names: ['open', 'error', 'close'], codes: [1009] }, path);
      assert.equal(error?.errCode, ErrCode.MESSAGE_TOO_BIG, `${path}: errCode`);
      assert.equal(close.code, 1009, `${path}: close code`);
    }
    const exact = api.connectSocket({ url: ctx.url('/send-binary/1024') });
    const { data } = await waitFor(exact, 'message');
    assert.equal((data as ArrayBuffer).byteLength, 1024, 'a message of exactly maxPayload bytes arrives');
  }),

  defineCase(
    'a send queue over 16 MiB: that send fails 10001, then error and close 1006',
    async (ctx) => {
      const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/stop-reading');
      const chunk = new ArrayBuffer(1024 * 1024);
      const outcomes = Array.from({ length: 40 }, () => outcome());
      for (const cb of outcomes) task.send({ data: chunk, ...cb.handlers });
      const { error, close } = await expectEnding(log, { names: ['open', 'error', 'close'], codes: [1006] }, 'overflow', 4000);
      assert.equal(error?.errCode, ErrCode.SEND_QUEUE_FULL, 'error errCode');
      assert.equal(close.code, 1006, 'close code');
      await delay(50);
      const results = outcomes.map((cb, i) => {
        const names = cb.names();
        assert.ok(names.length === 2 && names[1] === 'complete', `send #${i}: exactly one outcome, got ${names.join()}`);
        return cb.calls[0] as [string, SocketError];
      });
      const overflow = results.findIndex(
        ([name, r]) => name === 'fail' && r.errCode !== ErrCode.CLOSED_BEFORE_WRITE && r.errCode !== ErrCode.UNKNOWN_IF_WRITTEN
      );
      assert.ok(
        overflow > 0,
        `a send failed for the queue, not the first one (${assert.show(results.map(([n, r]) => (n === 'fail' ? r.errCode : n)))})`
      );
      assert.equal(results[overflow]?.[1].errCode, ErrCode.SEND_QUEUE_FULL, `send #${overflow}: errCode`);
      assert.match(results[overflow]?.[1].errMsg, /^sendSocketMessage:fail /, `send #${overflow}: errMsg`);
      results.slice(overflow + 1).forEach(([name, r], i) => {
        assert.equal(name, 'fail', `send #${overflow + 1 + i} after the overflow`);
        assert.oneOf(
          r.errCode,
          [ErrCode.SEND_QUEUE_FULL, ErrCode.NOT_CONNECTED, ErrCode.CLOSED_BEFORE_WRITE, ErrCode.UNKNOWN_IF_WRITTEN],
          `send #${overflow + 1 + i}: errCode`
        );
      });
      // About 16 MiB plus what the kernel took must have been accepted before the overflow.
      assert.ok(overflow >= 16, `the overflow came at send #${overflow}, before 16 MiB were queued`);
    },
    { timeout: 8000 }
  )
];
