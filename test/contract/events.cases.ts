/**
 * Event order and terminal events, each against the real server (docs/contract.md sections 3 and 4).
 */
import type { OnSocketCloseResult } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { defineCase, delay, events, openTask, outcome, serverClosed, waitFor, waitUntil } from './harness.js';
import { expectDialFailure, expectEnding } from './terminal.js';

export const eventCases = [
  defineCase('onOpen: state is OPEN inside it, send works there, payload is { header, profile }', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/echo') });
    let stateInOpen = -1;
    const sent = outcome();
    task.onOpen(() => {
      stateInOpen = task.readyState;
      task.send({ data: 'from-open', ...sent.handlers });
    });
    const log = events(task);
    const reply = await waitFor(task, 'message');
    assert.equal(stateInOpen, 1, 'readyState inside onOpen');
    assert.equal(reply.data, 'from-open', 'echo of the send made inside onOpen');
    // The echo may come back before the write is confirmed (Deno's write callbacks run later): the outcome still has to come.
    await waitUntil(() => sent.names().length >= 2, 'the send made inside onOpen to settle', 2000);
    assert.deepEqual(sent.names(), ['success', 'complete'], 'that send succeeded');
    const open = log.all('open')[0];
    assert.ok(open, 'open payload');
    assert.type(open.header, 'object', 'open.header');
    for (const name of Object.keys(open.header)) assert.equal(name, name.toLowerCase(), 'header names are lower-cased');
    for (const value of Object.values(open.header)) assert.type(value, 'string', 'header values are strings');
    if (ctx.env === 'node') {
      assert.equal(open.header.upgrade, 'websocket', 'open.header.upgrade');
      assert.type(open.header['sec-websocket-accept'], 'string', 'open.header sec-websocket-accept');
      const profile = open.profile;
      assert.ok(profile, 'open.profile on Node');
      for (const key of [
        'fetchStart',
        'domainLookUpStart',
        'domainLookUpEnd',
        'connectStart',
        'connectEnd',
        'handshakeCost',
        'cost'
      ] as const) {
        assert.type(profile[key], 'number', `profile.${key}`);
        assert.ok(Number.isFinite(profile[key]) && profile[key] >= 0, `profile.${key} finite and not negative: ${profile[key]}`);
      }
      assert.ok(Math.abs(profile.fetchStart - Date.now()) < 60_000, `profile.fetchStart is epoch ms: ${profile.fetchStart}`);
      assert.ok(profile.fetchStart <= profile.connectEnd, 'fetchStart <= connectEnd');
      assert.ok(profile.handshakeCost <= profile.cost, 'handshakeCost <= cost');
    }
    const keys = Object.keys(open).sort();
    assert.ok(
      keys.every((key) => key === 'header' || key === 'profile'),
      `open payload keys: ${keys.join()}`
    );
  }),

  defineCase('events never fire inside the call that caused them', async (ctx) => {
    const api = ctx.createSocketApi();
    const { task, log } = await openTask(ctx, api, '/echo');
    const sent = outcome();
    task.send({ data: 'x', ...sent.handlers });
    assert.equal(sent.calls.length, 0, 'send callbacks are asynchronous');
    const closing = outcome();
    task.close({ ...closing.handlers });
    assert.equal(closing.calls.length, 0, 'close callbacks are asynchronous');
    assert.equal(task.readyState, 2, 'CLOSING right after close()');
    assert.deepEqual(log.names(), ['open'], 'no event inside close()');
    await log.closed();
    const hung = api.connectSocket({ url: ctx.url('/hang') });
    hung.close();
    const hungLog = events(hung);
    await expectEnding(hungLog, { names: ['close'], codes: [1000], reason: '' }, 'close while CONNECTING with default code');
  }),

  defineCase('readyState is CLOSED inside onClose', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/close/1000') });
    const state = await new Promise<number>((resolve) => task.onClose(() => resolve(task.readyState)));
    assert.equal(state, 3, 'readyState in onClose');
  }),

  defineCase('HTTP status other than 101: error (status in errMsg), then close 1006', async (ctx) => {
    const api = ctx.createSocketApi();
    for (const status of [401, 500]) {
      const task = api.connectSocket({ url: ctx.url(`/status/${status}`) });
      const error = await expectDialFailure(events(task), ctx.env, ErrCode.BAD_RESPONSE_STATUS, `status ${status}`);
      if (ctx.env === 'node') assert.ok(error.errMsg.includes(String(status)), `errMsg names ${status}: ${error.errMsg}`);
      assert.equal(task.readyState, 3, 'readyState after close');
    }
  }),

  defineCase(
    'connection refused: error CONNECTION_REFUSED, then close 1006',
    async (ctx) => {
      assert.ok(ctx.refusedUrl, 'the runner provides refusedUrl');
      const task = ctx.createSocketApi().connectSocket({ url: ctx.refusedUrl });
      await expectDialFailure(events(task), ctx.env, ErrCode.CONNECTION_REFUSED, 'refused');
    },
    { nodeOnly: true }
  ),

  defineCase(
    'DNS failure: error DNS_FAILED, then close 1006',
    async (ctx) => {
      const task = ctx.createSocketApi().connectSocket({ url: 'ws://nonexistent.invalid/' });
      await expectDialFailure(events(task), ctx.env, ErrCode.DNS_FAILED, 'dns', 9000);
    },
    { nodeOnly: true, timeout: 10000 }
  ),

  defineCase('no agreed subprotocol: error NO_AGREED_PROTOCOL, then close 1006', async (ctx) => {
    const api = ctx.createSocketApi();
    const tries: Array<[string, string[]]> = [
      ['/protocol/none', ['chat']],
      ['/protocol/other', ['chat']],
      ['/protocol/other', []]
    ];
    for (const [path, protocols] of tries) {
      const task = api.connectSocket({ url: ctx.url(path), protocols });
      await expectDialFailure(events(task), ctx.env, ErrCode.NO_AGREED_PROTOCOL, `${path} offered ${assert.show(protocols)}`);
    }
  }),

  defineCase('handshake timeout: error "connectSocket:fail timeout", then close 1006', async (ctx) => {
    const api = ctx.createSocketApi();
    const started = Date.now();
    const task = api.connectSocket({ url: ctx.url('/hang'), timeout: 200 });
    const error = await expectDialFailure(events(task), ctx.env, ErrCode.TIMEOUT, 'timeout');
    assert.deepEqual([error.errMsg, error.errCode], ['connectSocket:fail timeout', ErrCode.TIMEOUT], 'timeout error');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 180 && elapsed < 1500, `timed out after ${elapsed} ms (asked 200)`);
  }),

  defineCase('the config timeout applies when the call gives none; the call timeout wins', async (ctx) => {
    const started = Date.now();
    const byConfig = events(ctx.createSocketApi({ timeout: 200 }).connectSocket({ url: ctx.url('/hang') }));
    const byCall = events(ctx.createSocketApi({ timeout: 60_000 }).connectSocket({ url: ctx.url('/hang'), timeout: 250 }));
    await Promise.all([
      expectDialFailure(byConfig, ctx.env, ErrCode.TIMEOUT, 'config timeout'),
      expectDialFailure(byCall, ctx.env, ErrCode.TIMEOUT, 'call timeout')
    ]);
    assert.ok(Date.now() - started < 1500, 'both timed out quickly');
  }),

  defineCase('close() while CONNECTING: success, then one close with the requested code and reason, no error', async (ctx) => {
    const api = ctx.createSocketApi();
    const connected = outcome();
    const task = api.connectSocket({ url: ctx.url('/hang'), ...connected.handlers });
    const log = events(task);
    await waitUntil(() => connected.calls.length === 2, 'connectSocket callbacks', 1000);
    await delay(50); // let the handshake request reach the server
    const closing = outcome();
    let closeCallbacksAtClose: string[] = [];
    task.onClose(() => (closeCallbacksAtClose = closing.names()));
    task.close({ code: 4000, reason: 'bye', ...closing.handlers });
    const { close } = await expectEnding(log, { names: ['close'], codes: [4000], reason: 'bye' }, 'abort');
    assert.deepEqual(close, { code: 4000, reason: 'bye' }, 'close payload');
    assert.deepEqual(closeCallbacksAtClose, ['success', 'complete'], 'close success and complete before onClose');
    assert.includes(closing.calls[0]?.[1], { errMsg: 'closeSocket:ok' }, 'close result');
    assert.equal(closing.calls[1]?.[1], closing.calls[0]?.[1], 'complete gets the same object');
  }),

  defineCase('close() in the same tick as connectSocket: never opens; connect success still runs before close', async (ctx) => {
    const api = ctx.createSocketApi();
    const order: string[] = [];
    const task = api.connectSocket({
      url: ctx.url('/echo'),
      success: () => order.push('connect:success'),
      complete: () => order.push('connect:complete')
    });
    task.close({ code: 4000, reason: 'early', success: () => order.push('close:success') });
    task.onOpen(() => order.push('open'));
    task.onClose((r) => order.push(`close:${r.code}:${r.reason}`));
    task.onError(() => order.push('error'));
    await waitUntil(() => order.some((e) => e.startsWith('close:4')), 'onClose', 2000);
    await delay(150);
    assert.deepEqual(
      order.filter((e) => e !== 'close:success'),
      ['connect:success', 'connect:complete', 'close:4000:early'],
      'events in order'
    );
    assert.ok(
      order.indexOf('close:success') !== -1 && order.indexOf('close:success') < order.indexOf('close:4000:early'),
      `close success before onClose: ${order.join()}`
    );
  }),

  defineCase('server close frame: close with its code and reason, no error', async (ctx) => {
    const api = ctx.createSocketApi();
    const cases: Array<[string, OnSocketCloseResult]> = [
      ['/close/4001/logged%20out', { code: 4001, reason: 'logged out' }],
      ['/close/1000', { code: 1000, reason: '' }],
      ['/close/none', { code: 1005, reason: '' }],
      [`/close/4002/${encodeURIComponent('再见')}`, { code: 4002, reason: '再见' }]
    ];
    for (const [path, expected] of cases) {
      const task = api.connectSocket({ url: ctx.url(path) });
      const { close } = await expectEnding(
        events(task),
        { names: ['open', 'close'], codes: [expected.code], reason: expected.reason },
        path
      );
      assert.deepEqual(close, expected, `${path}: close payload`);
    }
  }),

  defineCase('our close() while OPEN: success before onClose, onClose and the server agree on code and reason', async (ctx) => {
    const api = ctx.createSocketApi();
    const { task, log } = await openTask(ctx, api, '/echo');
    const closing = outcome();
    let callbacksAtClose: string[] = [];
    task.onClose(() => (callbacksAtClose = closing.names()));
    task.close({ code: 4002, reason: 'done', ...closing.handlers });
    const { close } = await expectEnding(log, { names: ['open', 'close'], codes: [4002], reason: 'done' }, 'our close');
    assert.deepEqual(close, { code: 4002, reason: 'done' }, 'close payload');
    assert.deepEqual(callbacksAtClose, ['success', 'complete'], 'close success then complete, before onClose');
    assert.includes(closing.calls[0]?.[1], { errMsg: 'closeSocket:ok' }, 'close result');
    assert.deepEqual(await serverClosed(ctx), { code: 4002, reason: 'done' }, 'server received');
  }),

  defineCase('close() without options while OPEN ends with 1000 and an empty reason', async (ctx) => {
    const api = ctx.createSocketApi();
    const { task, log } = await openTask(ctx, api, '/echo');
    task.close();
    const { close } = await expectEnding(log, { names: ['open', 'close'], codes: [1000], reason: '' }, 'default close');
    assert.deepEqual(close, { code: 1000, reason: '' }, 'close payload');
    assert.deepEqual(await serverClosed(ctx), { code: 1000, reason: '' }, 'server received');
  }),

  defineCase('TCP drop without a close frame: close 1006, no error', async (ctx) => {
    const api = ctx.createSocketApi();
    for (const path of ['/drop', '/drop-after/100']) {
      const task = api.connectSocket({ url: ctx.url(path) });
      const { close } = await expectEnding(events(task), { names: ['open', 'close'], codes: [1006], reason: '' }, path);
      assert.deepEqual(close, { code: 1006, reason: '' }, `${path}: close payload`);
    }
  }),

  defineCase('invalid UTF-8 in a text message: error INVALID_UTF8, then close 1007 (or 1006)', async (ctx) => {
    const task = ctx.createSocketApi().connectSocket({ url: ctx.url('/bad-utf8') });
    const { error } = await expectEnding(events(task), { names: ['open', 'error', 'close'], codes: [1007, 1006] }, 'bad utf-8');
    if (ctx.env === 'node') assert.equal(error?.errCode, ErrCode.INVALID_UTF8, 'errCode');
  }),

  defineCase('a reserved opcode: error PROTOCOL_ERROR, then close 1002 (or 1006)', async (ctx) => {
    const task = ctx.createSocketApi().connectSocket({ url: ctx.url('/bad-frame') });
    const { error } = await expectEnding(events(task), { names: ['open', 'error', 'close'], codes: [1002, 1006] }, 'bad frame');
    if (ctx.env === 'node') assert.equal(error?.errCode, ErrCode.PROTOCOL_ERROR, 'errCode');
  }),

  defineCase('a close frame with a code forbidden on the wire (1005) is a protocol error', async (ctx) => {
    const task = ctx.createSocketApi().connectSocket({ url: ctx.url('/close/1005') });
    const { error } = await expectEnding(
      events(task),
      { names: ['open', 'error', 'close'], codes: [1002, 1006] },
      'close 1005 on the wire'
    );
    if (ctx.env === 'node') assert.equal(error?.errCode, ErrCode.PROTOCOL_ERROR, 'errCode');
  })
];
