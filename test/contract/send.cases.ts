/**
 * task.send: round trips, exact bytes, data validation, outcomes (docs/contract.md section 3).
 */
import type { SocketError } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { defineCase, delay, hex, openTask, outcome, roundTrip, waitFor, type Outcome } from './harness.js';

const BAD_DATA = 'sendSocketMessage:fail data must be string or ArrayBuffer';
const NOT_CONNECTED = 'sendSocketMessage:fail WebSocket is not connected';

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer && Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

function bytes(...values: number[]): ArrayBuffer {
  return Uint8Array.from(values).buffer;
}

/** Exactly one outcome: [success|fail, complete], complete with the same object. */
function oneOutcome(cb: Outcome, note: string): [string, unknown] {
  const names = cb.names();
  assert.ok(
    names.length === 2 && names[1] === 'complete' && (names[0] === 'success' || names[0] === 'fail'),
    `${note}: exactly one outcome, got ${names.join()}`
  );
  assert.equal(cb.calls[1]?.[1], cb.calls[0]?.[1], `${note}: complete gets the same object`);
  return [names[0], cb.calls[0]?.[1]];
}

export const sendCases = [
  defineCase('text round trip: ASCII, multi-byte, empty', async (ctx) => {
    const { task } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    for (const text of ['hello', '中文 and emoji \u{1F600}', '']) {
      const reply = await roundTrip(task, text);
      assert.equal(reply, text, 'echo');
    }
    const seen = await ctx.serverLog();
    assert.deepEqual(
      seen.connections[0]?.messages.map((m) => [m.type, m.data]),
      [
        ['text', 'hello'],
        ['text', '中文 and emoji \u{1F600}'],
        ['text', '']
      ],
      'server saw text frames'
    );
  }),

  defineCase('binary round trip: an ArrayBuffer of exactly the bytes sent', async (ctx) => {
    const { task } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const sent = bytes(0, 1, 2, 255, 128);
    const reply = await roundTrip(task, sent);
    assert.ok(isArrayBuffer(reply), `binary arrives as an ArrayBuffer, got ${Object.prototype.toString.call(reply)}`);
    assert.equal(reply.byteLength, 5, 'byteLength');
    assert.equal(hex(reply), '000102ff80', 'bytes');
    const empty = await roundTrip(task, new ArrayBuffer(0));
    assert.ok(isArrayBuffer(empty) && empty.byteLength === 0, `an empty binary message is an empty ArrayBuffer, got ${assert.show(empty)}`);
    assert.deepEqual(
      (await ctx.serverLog()).connections[0]?.messages.map((m) => [m.type, m.data]),
      [
        ['binary', '000102ff80'],
        ['binary', '']
      ],
      'server saw binary frames'
    );
  }),

  defineCase('inbound binary messages, small and large, are ArrayBuffers of exactly their bytes (never a pooled view)', async (ctx) => {
    const api = ctx.createSocketApi();
    for (const size of [10, 100_000]) {
      const task = api.connectSocket({ url: ctx.url(`/send-binary/${size}`) });
      const { data } = await waitFor(task, 'message');
      assert.ok(isArrayBuffer(data), `size ${size}: an ArrayBuffer, got ${Object.prototype.toString.call(data)}`);
      assert.equal(data.byteLength, size, `size ${size}: byteLength`);
      const view = new Uint8Array(data);
      assert.deepEqual([view[0], view[9], view[size - 1]], [0, 9, (size - 1) % 256], `size ${size}: bytes`);
      task.close();
    }
    const text = api.connectSocket({ url: ctx.url('/send-text/70000') });
    const { data } = await waitFor(text, 'message');
    assert.ok(typeof data === 'string' && data.length === 70000 && /^a+$/.test(data), 'a large text message is one string');
  }),

  defineCase('ArrayBufferViews (standard profile) send exactly the view bytes', async (ctx) => {
    const { task } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const buffer = Uint8Array.from({ length: 16 }, (_, i) => i + 0xa0).buffer;
    const views: Array<[ArrayBufferView, string]> = [
      [new Uint8Array(buffer, 3, 5), 'a3a4a5a6a7'],
      [new DataView(buffer, 10, 2), 'aaab'],
      [new Uint16Array(buffer, 4, 2), 'a4a5a6a7'],
      [new Uint8Array(buffer), hex(buffer)]
    ];
    if (ctx.profile !== 'standard') {
      // The platform profiles take string and ArrayBuffer only (docs/contract.md section 8).
      for (const [view] of views) {
        const cb = outcome();
        task.send({ data: view, ...cb.handlers });
        assert.includes(
          await cb.settled(),
          { errMsg: BAD_DATA, errCode: ErrCode.INVALID_SEND_DATA },
          `${ctx.profile}: send ${Object.prototype.toString.call(view)}`
        );
      }
      assert.equal(await roundTrip(task, 'still-open'), 'still-open', 'the connection is unaffected');
      assert.deepEqual(
        (await ctx.serverLog()).connections[0]?.messages.map((m) => m.data),
        ['still-open'],
        'no view reached the server'
      );
      return;
    }
    for (const [view, expected] of views) {
      const reply = await roundTrip(task, view);
      assert.ok(isArrayBuffer(reply), 'echo of a view is an ArrayBuffer');
      assert.equal(hex(reply), expected, `echo of ${Object.prototype.toString.call(view)}`);
    }
    const seen = await ctx.serverLog();
    assert.deepEqual(
      seen.connections[0]?.messages.map((m) => [m.type, m.data]),
      views.map(([, expected]) => ['binary', expected]),
      'server saw exactly the view bytes'
    );
  }),

  defineCase('wrong data types fail with INVALID_SEND_DATA and the connection is unaffected', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const blobLike = { size: 3, type: 'text/plain', arrayBuffer: async () => new ArrayBuffer(3), [Symbol.toStringTag]: 'Blob' };
    const bad: unknown[] = [undefined, null, 42, {}, [], [1, 2], true, Symbol('x'), blobLike, () => 'x', 10n];
    if (typeof Blob === 'function') bad.push(new Blob(['abc']));
    for (const data of bad) {
      const cb = outcome();
      assert.doesNotThrow(() => task.send({ data: data as string, ...cb.handlers }), `send ${assert.show(data)}`);
      assert.equal(cb.calls.length, 0, 'fail is asynchronous');
      await cb.settled();
      const [name, result] = oneOutcome(cb, `send ${assert.show(data)}`);
      assert.equal(name, 'fail', `send ${assert.show(data)}`);
      assert.includes(result, { errMsg: BAD_DATA, errCode: ErrCode.INVALID_SEND_DATA }, `send ${assert.show(data)}`);
    }
    const missing = outcome();
    task.send({ ...missing.handlers } as never);
    assert.includes(await missing.settled(), { errMsg: BAD_DATA, errCode: ErrCode.INVALID_SEND_DATA }, 'send without data');
    assert.equal(task.readyState, 1, 'still OPEN');
    assert.equal(await roundTrip(task, 'still-open'), 'still-open', 'echo after the failures');
    assert.deepEqual(log.names(), ['open', 'message'], 'no error event');
    assert.deepEqual(
      (await ctx.serverLog()).connections[0]?.messages.map((m) => m.data),
      ['still-open'],
      'nothing bad reached the server'
    );
  }),

  defineCase('send when not OPEN fails with 10002 "not connected"', async (ctx) => {
    const api = ctx.createSocketApi();
    const hung = api.connectSocket({ url: ctx.url('/hang') });
    const before = outcome();
    hung.send({ data: 'early', ...before.handlers });
    await before.settled();
    assert.equal(oneOutcome(before, 'send while CONNECTING')[0], 'fail');
    assert.includes(before.calls[0]?.[1], { errMsg: NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'send while CONNECTING');
    const { task, log } = await openTask(ctx, api, '/echo', {}, 'open');
    task.close();
    const closing = outcome();
    task.send({ data: 'while closing', ...closing.handlers });
    assert.includes(await closing.settled(), { errMsg: NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'send while CLOSING');
    await log.closed();
    const after = outcome();
    task.send({ data: 'late', ...after.handlers });
    assert.includes(await after.settled(), { errMsg: NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'send when CLOSED');
    assert.deepEqual((await ctx.serverLog('open')).connections[0]?.messages, [], 'nothing was sent');
  }),

  defineCase('send success: "sendSocketMessage:ok", asynchronous, exactly one outcome', async (ctx) => {
    const { task } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const cb = outcome();
    task.send({ data: 'x', ...cb.handlers });
    assert.equal(cb.calls.length, 0, 'not inside send');
    await cb.settled();
    await delay(50);
    const [name, result] = oneOutcome(cb, 'send');
    assert.equal(name, 'success');
    assert.includes(result, { errMsg: 'sendSocketMessage:ok' }, 'success result');
    const onlySuccess: string[] = [];
    task.send({ data: 'y', success: (r) => onlySuccess.push(r.errMsg) });
    const onlyComplete: string[] = [];
    task.send({ data: new ArrayBuffer(2), complete: (r) => onlyComplete.push(r.errMsg) });
    await delay(50);
    assert.deepEqual([onlySuccess, onlyComplete], [['sendSocketMessage:ok'], ['sendSocketMessage:ok']], 'a lone success or complete runs');
  }),

  defineCase('send(notAnObject) does not throw and leaves the connection working', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    for (const value of [undefined, null, 42, 'str', true]) {
      assert.doesNotThrow(() => task.send(value as never), `send(${assert.show(value)})`);
    }
    await delay(30);
    assert.equal(await roundTrip(task, 'ok'), 'ok', 'echo after');
    assert.deepEqual(log.names(), ['open', 'message'], 'no error event');
  }),

  defineCase('messages go out and come back in order', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const sent = Array.from({ length: 50 }, (_, i) => (i % 2 ? `m${i}` : Uint8Array.from([i]).buffer));
    for (const data of sent) task.send({ data });
    await log.next('message', 3000, sent.length);
    const got = log.all('message').map((m) => (typeof m.data === 'string' ? m.data : hex(m.data)));
    assert.deepEqual(
      got,
      sent.map((d) => (typeof d === 'string' ? d : hex(d))),
      'echo order'
    );
  }),

  defineCase('sends not yet written when the connection drops fail in order, each with one outcome', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/stop-reading/300');
    const chunk = new ArrayBuffer(1024 * 1024);
    const outcomes = Array.from({ length: 12 }, () => outcome());
    const order: Array<[number, string]> = [];
    outcomes.forEach((cb, i) => {
      task.send({
        data: chunk,
        success: (r) => {
          cb.success(r);
          order.push([i, 'success']);
        },
        fail: (r) => {
          cb.fail(r);
          order.push([i, 'fail']);
        },
        complete: cb.complete
      });
    });
    await log.closed(3000);
    await delay(50);
    const results = outcomes.map((cb, i) => oneOutcome(cb, `send #${i}`));
    const firstFail = results.findIndex(([name]) => name === 'fail');
    assert.ok(firstFail !== -1, `some sends cannot have been written: ${assert.show(results.map(([n]) => n))}`);
    results.slice(firstFail).forEach(([name, result], i) => {
      assert.equal(name, 'fail', `send #${firstFail + i} after the first failure`);
      // "not written" where the engine knows (ws), "unknown whether written" where it cannot (WHATWG).
      assert.oneOf((result as SocketError).errCode, [ErrCode.CLOSED_BEFORE_WRITE, ErrCode.UNKNOWN_IF_WRITTEN], `send #${firstFail + i}`);
      assert.match((result as SocketError).errMsg, /^sendSocketMessage:fail .*closed/, `send #${firstFail + i} errMsg`);
    });
    const failOrder = order.filter(([, name]) => name === 'fail').map(([i]) => i);
    assert.deepEqual(
      failOrder,
      [...failOrder].sort((a, b) => a - b),
      'fails run in send order'
    );
    const close = log.all('close')[0];
    assert.equal(close?.code, 1006, 'the drop ends with 1006');
  })
];
