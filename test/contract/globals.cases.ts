/**
 * The global functions of the standard profile (docs/contract.md section 8): bound to the earliest
 * live task, one slot per onSocketX, Promise-or-callback results.
 */
import type { GeneralCallbackResult, OnSocketCloseResult, SocketError } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { defineCase, delay, events, openTask, outcome, serverLogUntil, waitFor, waitUntil } from './harness.js';

const SEND_NOT_CONNECTED = 'sendSocketMessage:fail WebSocket is not connected';
const CLOSE_NOT_CONNECTED = 'closeSocket:fail WebSocket is not connected';

/** The globals' return value, which the types may declare as void. */
const result = (value: unknown): unknown => value;

async function rejection(promise: unknown): Promise<unknown> {
  assert.ok(promise instanceof Promise, `expected a Promise, got ${assert.show(promise)}`);
  try {
    await promise;
  } catch (reason) {
    return reason;
  }
  throw new assert.AssertionError('expected the Promise to reject');
}

const texts = (messages: Array<{ data: string }> | undefined): string[] => (messages ?? []).map((m) => m.data);

export const globalCases = [
  defineCase('the globals follow the earliest live task, then the next one', async (ctx) => {
    const api = ctx.createSocketApi();
    const opened: unknown[] = [];
    const messages: unknown[] = [];
    const closes: OnSocketCloseResult[] = [];
    api.onSocketOpen((r) => opened.push(r));
    api.onSocketMessage((r) => messages.push(r.data));
    api.onSocketClose((r) => closes.push(r));
    const { task: t1 } = await openTask(ctx, api, '/echo', {}, 'a');
    const { task: t2 } = await openTask(ctx, api, '/echo', {}, 'b');
    await delay(30);
    assert.equal(opened.length, 1, 'onSocketOpen saw only the bound task open');
    assert.type((opened[0] as { header: unknown }).header, 'object', 'onSocketOpen gets { header }');
    await result(api.sendSocketMessage({ data: 'via-global' }));
    await waitFor(t1, 'message');
    t2.send({ data: 'direct-to-b' });
    await waitFor(t2, 'message');
    await delay(30);
    assert.deepEqual(messages, ['via-global'], 'onSocketMessage sees the bound task only');
    assert.deepEqual(texts((await ctx.serverLog('a')).connections[0]?.messages), ['via-global'], 'task a got the global send');
    t1.close({ code: 4000, reason: 'a done' });
    await waitFor(t1, 'close');
    await delay(10);
    assert.deepEqual(closes, [{ code: 4000, reason: 'a done' }], 'onSocketClose saw the bound task close');
    await result(api.sendSocketMessage({ data: 'to-b-now' }));
    const seen = await serverLogUntil(ctx, (log) => log.connections[0]?.messages.length === 2, 'b receiving the second message', 'b');
    assert.deepEqual(texts(seen.connections[0]?.messages), ['direct-to-b', 'to-b-now'], 'the binding passed to task b');
    t2.close();
    await waitFor(t2, 'close');
    await delay(10);
    assert.equal(closes.length, 2, 'onSocketClose then saw task b close');
  }),

  defineCase('one slot per global: the last registration wins, offSocketX() empties it', async (ctx) => {
    const api = ctx.createSocketApi();
    const calls: string[] = [];
    api.onSocketOpen(() => calls.push('open1'));
    api.onSocketOpen(() => calls.push('open2'));
    api.onSocketMessage(() => calls.push('message'));
    api.offSocketMessage();
    api.onSocketClose(() => calls.push('close1'));
    api.offSocketClose();
    const { task, log } = await openTask(ctx, api, '/echo');
    task.send({ data: 'x' });
    await log.next('message');
    task.close();
    await log.closed();
    await delay(20);
    assert.deepEqual(calls, ['open2'], 'calls');
  }),

  defineCase('sendSocketMessage returns a Promise exactly when no callback key is given', async (ctx) => {
    const api = ctx.createSocketApi();
    await openTask(ctx, api, '/echo');
    const promise = result(api.sendSocketMessage({ data: 'p' }));
    assert.ok(promise instanceof Promise, `a Promise without callbacks, got ${assert.show(promise)}`);
    assert.includes(await promise, { errMsg: 'sendSocketMessage:ok' }, 'resolved value');
    const cb = outcome<GeneralCallbackResult>();
    assert.equal(result(api.sendSocketMessage({ data: 'c', ...cb.handlers })), undefined, 'with callbacks: undefined');
    assert.includes(await cb.settled(), { errMsg: 'sendSocketMessage:ok' }, 'callback result');
    const onlyFail: unknown[] = [];
    assert.equal(result(api.sendSocketMessage({ data: 'f', fail: (r) => onlyFail.push(r) })), undefined, 'with only fail: undefined');
    await delay(30);
    assert.deepEqual(onlyFail, [], 'fail did not run');
    assert.deepEqual(texts((await ctx.serverLog()).connections[0]?.messages), ['p', 'c', 'f'], 'all three sent');
  }),

  defineCase('with no open task, sendSocketMessage and closeSocket reject with the fail result, not an Error', async (ctx) => {
    const api = ctx.createSocketApi();
    const sendFailure = await rejection(result(api.sendSocketMessage({ data: 'x' })));
    assert.ok(!(sendFailure instanceof Error), 'the rejection is not an Error');
    assert.includes(sendFailure, { errMsg: SEND_NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'send rejection');
    const closeFailure = await rejection(result(api.closeSocket()));
    assert.includes(closeFailure, { errMsg: CLOSE_NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED }, 'close rejection');
    api.connectSocket({ url: ctx.url('/hang') });
    const whileConnecting = await rejection(result(api.sendSocketMessage({ data: 'x' })));
    assert.includes(
      whileConnecting,
      { errMsg: SEND_NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED },
      'send while the bound task is CONNECTING'
    );
    const cb = outcome();
    assert.equal(result(api.sendSocketMessage({ data: 'x', ...cb.handlers })), undefined, 'with callbacks: undefined');
    assert.includes(await cb.settled(), { errMsg: SEND_NOT_CONNECTED }, 'fail callback');
    assert.deepEqual(cb.names(), ['fail', 'complete'], 'callbacks');
  }),

  defineCase('standard profile: closeSocket before open aborts the bound task', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/hang') });
    const log = events(task);
    await delay(30);
    if (ctx.profile === 'wx' || ctx.profile === 'swan' || ctx.profile === 'uni') {
      // The wx and swan docs' warning: the global closeSocket cannot close a socket that is not open yet.
      assert.includes(
        await rejection(result(api.closeSocket({ code: 4000, reason: 'abort' }))),
        { errMsg: CLOSE_NOT_CONNECTED, errCode: ErrCode.NOT_CONNECTED },
        `${ctx.profile}: closeSocket before open`
      );
      assert.equal(task.readyState, 0, 'still CONNECTING');
      assert.deepEqual(log.names(), [], 'no event');
      return;
    }
    const closed = result(api.closeSocket({ code: 4000, reason: 'abort' }));
    assert.includes(await closed, { errMsg: 'closeSocket:ok' }, 'closeSocket result');
    assert.deepEqual(await log.closed(), { code: 4000, reason: 'abort' }, 'onClose');
    await delay(50);
    assert.deepEqual(log.names(), ['close'], 'no error');
  }),

  defineCase('onSocketError and onSocketClose see the bound task fail to connect', async (ctx) => {
    const api = ctx.createSocketApi();
    const calls: Array<[string, unknown]> = [];
    api.onSocketError((r) => calls.push(['error', r]));
    api.onSocketClose((r) => calls.push(['close', r]));
    api.connectSocket({ url: ctx.url('/status/401') });
    await waitUntil(() => calls.length === 2, 'error and close', 3000);
    await delay(30);
    assert.deepEqual(
      calls.map(([name]) => name),
      ['error', 'close'],
      'order'
    );
    assert.match((calls[0]![1] as SocketError).errMsg, /^connectSocket:fail /, 'error errMsg');
    assert.deepEqual(calls[1]?.[1], { code: 1006, reason: '' }, 'close payload');
  }),

  defineCase('a task that failed validation is never the bound task', async (ctx) => {
    const api = ctx.createSocketApi();
    api.connectSocket({ url: 'http://bad/' });
    await openTask(ctx, api, '/echo');
    await result(api.sendSocketMessage({ data: 'bound' }));
    const seen = await serverLogUntil(ctx, (log) => log.connections[0]?.messages.length === 1, 'the message');
    assert.deepEqual(texts(seen.connections[0]?.messages), ['bound'], 'sent on the live task');
  }),

  defineCase('the wx example works as written: queue until onSocketOpen, then flush', async (ctx) => {
    const wx = ctx.createSocketApi();
    let socketOpen = false;
    let socketMsgQueue: string[] = [];
    wx.connectSocket({ url: ctx.url('/echo') });
    wx.onSocketOpen(() => {
      socketOpen = true;
      for (let i = 0; i < socketMsgQueue.length; i++) sendSocketMessage(socketMsgQueue[i] as string);
      socketMsgQueue = [];
    });
    function sendSocketMessage(msg: string): void {
      if (socketOpen) wx.sendSocketMessage({ data: msg });
      else socketMsgQueue.push(msg);
    }
    sendSocketMessage('m1');
    sendSocketMessage('m2');
    await waitUntil(() => socketOpen, 'onSocketOpen', 3000);
    sendSocketMessage('m3');
    const seen = await serverLogUntil(ctx, (log) => log.connections[0]?.messages.length === 3, 'three messages');
    assert.deepEqual(texts(seen.connections[0]?.messages), ['m1', 'm2', 'm3'], 'order');
  })
];
