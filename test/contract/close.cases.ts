/**
 * task.close: code and reason validation, exact reasons on the wire, and close on a
 * task that is already closing (docs/contract.md section 3).
 */
import type { SocketError } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { defineCase, delay, openTask, outcome, roundTrip, serverClosed, utf8Bytes } from './harness.js';
import { expectEnding } from './terminal.js';

const NOT_CONNECTED = 'closeSocket:fail WebSocket is not connected';

export const closeCases = [
  defineCase('invalid close codes fail and leave the connection open', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const codes: unknown[] = [0, 999, 1001, 1004, 1005, 1006, 1015, 2999, 5000, -1, Number.NaN, Infinity, '1000', 1000.5, 3000.1, {}];
    for (const code of codes) {
      const cb = outcome();
      assert.doesNotThrow(() => task.close({ code: code as number, ...cb.handlers }), `close(${assert.show(code)})`);
      const result = (await cb.settled()) as SocketError;
      assert.deepEqual(cb.names(), ['fail', 'complete'], `close(${assert.show(code)}) callbacks`);
      assert.equal(cb.calls[1]?.[1], result, 'complete gets the same object');
      assert.equal(result.errCode, ErrCode.INVALID_CLOSE_CODE, `close(${assert.show(code)}) errCode`);
      assert.match(result.errMsg, /^closeSocket:fail invalid code/, `close(${assert.show(code)}) errMsg`);
      assert.equal(task.readyState, 1, `still OPEN after close(${assert.show(code)})`);
    }
    assert.equal(await roundTrip(task, 'alive'), 'alive', 'echo after the failed closes');
    assert.deepEqual(log.names(), ['open', 'message'], 'no error, no close');
    assert.equal((await ctx.serverLog()).connections[0]?.closed, undefined, 'the server saw no close');
  }),

  defineCase('messages arriving after our close() are not delivered (WHATWG: only while OPEN)', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    // The echo of 'late' can only arrive after close() was called: the task is CLOSING by then.
    task.send({ data: 'late' });
    task.close({ code: 4000, reason: 'no more' });
    await expectEnding(log, { names: ['open', 'close'], codes: [4000], reason: 'no more' }, 'no message after close()');
    const seen = await serverClosed(ctx);
    assert.deepEqual(seen, { code: 4000, reason: 'no more' }, 'server saw our close');
    assert.equal((await ctx.serverLog()).connections[0]?.messages[0]?.data, 'late', 'the server did get the message');
  }),

  defineCase('the valid close codes are accepted: 1000, 3000 and 4999', async (ctx) => {
    const api = ctx.createSocketApi();
    for (const code of [1000, 3000, 4999]) {
      const { task, log } = await openTask(ctx, api, '/echo', {}, String(code));
      task.close({ code });
      await expectEnding(log, { names: ['open', 'close'], codes: [code], reason: '' }, `close(${code})`);
      assert.deepEqual(await serverClosed(ctx, String(code)), { code, reason: '' }, `server saw ${code}`);
    }
  }),

  defineCase('a reason over 123 UTF-8 bytes fails, counted in bytes not characters; the connection stays open', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const reasons = [`${'中'.repeat(41)}a`, 'a'.repeat(124), '\u{1F600}'.repeat(31)];
    for (const reason of reasons) {
      assert.equal(utf8Bytes(reason), 124, 'test data bytes');
      const cb = outcome();
      task.close({ code: 4000, reason, ...cb.handlers });
      const result = (await cb.settled()) as SocketError;
      assert.deepEqual(cb.names(), ['fail', 'complete'], 'callbacks');
      assert.equal(result.errCode, ErrCode.INVALID_CLOSE_REASON, 'errCode');
      assert.match(result.errMsg, /^closeSocket:fail invalid reason/, 'errMsg');
      assert.equal(task.readyState, 1, 'still OPEN');
    }
    assert.equal(await roundTrip(task, 'alive'), 'alive', 'echo after');
    assert.deepEqual(log.names(), ['open', 'message'], 'no error, no close');
  }),

  defineCase('a 123-byte reason of multi-byte characters goes out exactly', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const reason = '中'.repeat(41);
    assert.equal(utf8Bytes(reason), 123, 'test data');
    const cb = outcome();
    task.close({ code: 4000, reason, ...cb.handlers });
    const { close } = await expectEnding(log, { names: ['open', 'close'], codes: [4000], reason }, 'close');
    assert.deepEqual(close, { code: 4000, reason }, 'onClose');
    assert.includes(cb.calls[0]?.[1], { errMsg: 'closeSocket:ok' }, 'close result');
    assert.deepEqual(await serverClosed(ctx), { code: 4000, reason }, 'server saw');
  }),

  defineCase('a reason without a code closes with 1000 and that reason', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    task.close({ reason: 'bye' });
    await expectEnding(log, { names: ['open', 'close'], codes: [1000], reason: 'bye' }, 'close');
    assert.deepEqual(await serverClosed(ctx), { code: 1000, reason: 'bye' }, 'server saw');
  }),

  defineCase('close on a CLOSING or CLOSED task fails "not connected"', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const first = outcome();
    task.close({ code: 4000, reason: 'first', ...first.handlers });
    const second = outcome();
    task.close({ code: 4001, reason: 'second', ...second.handlers });
    assert.includes(await second.settled(), { errMsg: NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'close while CLOSING');
    assert.deepEqual(second.names(), ['fail', 'complete'], 'second close callbacks');
    assert.includes(await first.settled(), { errMsg: 'closeSocket:ok' }, 'the first close succeeded');
    await expectEnding(log, { names: ['open', 'close'], codes: [4000], reason: 'first' }, 'the first close wins');
    const third = outcome();
    task.close({ ...third.handlers });
    assert.includes(await third.settled(), { errMsg: NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'close when CLOSED');
    await delay(50);
    assert.deepEqual(log.names(), ['open', 'close'], 'nothing after close');
  })
];
