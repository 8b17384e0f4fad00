/**
 * connectSocket: the success result and its timing, and validation of every option
 * (docs/contract.md section 2).
 */
import type { ConnectSocketSuccess } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { connectRaw, defineCase, delay, events, openTask, outcome, type Ctx } from './harness.js';
import { expectRejectedConnect, rejectOptions } from './rejected.js';

/** `Host` as the client must send it for the test server. */
const serverHost = (ctx: Ctx): string => new URL(ctx.url('/').replace(/^ws/, 'http')).host;

export const connectCases = [
  defineCase('success and complete run after connectSocket returns and before onOpen, with one result object', async (ctx) => {
    const api = ctx.createSocketApi();
    const cb = outcome<ConnectSocketSuccess>();
    const task = api.connectSocket({ url: ctx.url('/echo'), ...cb.handlers });
    assert.equal(cb.calls.length, 0, 'no callback may run inside connectSocket');
    assert.equal(task.readyState, 0, 'readyState right after connectSocket');
    let callbacksAtOpen: string[] = [];
    task.onOpen(() => (callbacksAtOpen = cb.names()));
    const log = events(task);
    await log.next('open');
    assert.deepEqual(callbacksAtOpen, ['success', 'complete'], 'success then complete, both before onOpen');
    const [success, complete] = cb.calls;
    assert.ok(success && complete);
    assert.equal(complete[1], success[1], 'complete gets the very object success got');
    assert.includes(success[1], { errMsg: 'connectSocket:ok', socketTaskId: 1 }, 'success result');
    assert.equal(task.socketTaskId, 1, 'task.socketTaskId');
    assert.deepEqual([task.CONNECTING, task.OPEN, task.CLOSING, task.CLOSED], [0, 1, 2, 3], 'readyState constants');
  }),

  defineCase('socketTaskId counts from 1 per API object, and failed calls take a number too', async (ctx) => {
    const api = ctx.createSocketApi();
    const first = outcome<ConnectSocketSuccess>();
    const t1 = api.connectSocket({ url: ctx.url('/echo'), ...first.handlers });
    const t2 = connectRaw(api, { url: 'http://nope/', fail: () => undefined });
    const third = outcome<ConnectSocketSuccess>();
    const t3 = api.connectSocket({ url: ctx.url('/echo'), ...third.handlers });
    const other = ctx.createSocketApi().connectSocket({ url: ctx.url('/echo') });
    assert.deepEqual([t1.socketTaskId, t2.socketTaskId, t3.socketTaskId, other.socketTaskId], [1, 2, 3, 1], 'socketTaskIds');
    assert.includes(await first.settled(), { socketTaskId: 1 });
    assert.includes(await third.settled(), { socketTaskId: 3 });
  }),

  defineCase(
    'a bad url fails with 600009 and the url as given, and the task is dead',
    async (ctx) => {
      const api = ctx.createSocketApi();
      const good = ctx.url('/echo');
      const bad: unknown[] = [
        undefined,
        42,
        null,
        {},
        '',
        good.replace(/^ws:/, 'http:'),
        good.replace(/^ws:/, 'https:'),
        'ftp://127.0.0.1/x',
        'wss//127.0.0.1/',
        `${good}#x`,
        `${good}#`,
        'ws://127.0.0.1/a b',
        'ws://127.0.0.1/\u0001',
        'ws://127.0.0.1/a\tb',
        ` ${good}`,
        `${good}\n`,
        'ws://',
        'ws://exa mple.com/'
      ];
      for (const url of bad) {
        await rejectOptions(
          ctx,
          api,
          { url },
          { errCode: ErrCode.INVALID_URL, errMsg: `connectSocket:fail invalid url "${String(url)}"` },
          `url ${assert.show(url)}`
        );
      }
      const seen = await ctx.serverLog();
      assert.equal(seen.handshakes.length, 0, 'no bad url may reach the server');
    },
    { timeout: 15000 }
  ),

  defineCase('the scheme is case-insensitive', async (ctx) => {
    const api = ctx.createSocketApi();
    await openTask(ctx, api, '/echo', { url: ctx.url('/echo').replace(/^ws:/, 'WS:') });
  }),

  defineCase('options that are not an object: no throw, a dead task with onError', async (ctx) => {
    const api = ctx.createSocketApi();
    for (const options of [undefined, null, 42, 'str', true]) {
      await expectRejectedConnect(
        ctx,
        api,
        () => options,
        { errCode: [ErrCode.INVALID_OPTIONS, ErrCode.INVALID_URL] },
        `options ${assert.show(options)}`
      );
    }
  }),

  defineCase('option getters that throw: no throw, fail and a dead task', async (ctx) => {
    const api = ctx.createSocketApi();
    const url = ctx.url('/echo');
    const boom = (): never => {
      throw new Error('getter boom');
    };
    await expectRejectedConnect(
      ctx,
      api,
      (cb) => Object.defineProperty({ ...cb }, 'url', { get: boom, enumerable: true }),
      { errCode: [ErrCode.INVALID_OPTIONS, ErrCode.INVALID_URL] },
      'url getter throws'
    );
    await expectRejectedConnect(
      ctx,
      api,
      (cb) => Object.defineProperty({ url, ...cb }, 'header', { get: boom, enumerable: true }),
      { errCode: [ErrCode.INVALID_OPTIONS, ErrCode.INVALID_HEADER], noHandshake: true },
      'header getter throws'
    );
    await expectRejectedConnect(
      ctx,
      api,
      (cb) => ({ url, header: Object.defineProperty({}, 'X-A', { get: boom, enumerable: true }), ...cb }),
      { errCode: [ErrCode.INVALID_OPTIONS, ErrCode.INVALID_HEADER], noHandshake: true },
      'a header value getter throws'
    );
  }),

  defineCase('header values with CR or LF, names that are not tokens, and non-object headers fail', async (ctx) => {
    const api = ctx.createSocketApi();
    const url = ctx.url('/echo');
    const expected = { errCode: ErrCode.INVALID_HEADER, errMsg: /^connectSocket:fail invalid header/, noHandshake: true };
    const headers: unknown[] = [
      { 'X-A': 'a\r\nX-Injected: 1' },
      { 'X-A': 'a\nb' },
      { 'X-A': 'a\rb' },
      { 'bad name': 'v' },
      { 'x:y': 'v' },
      { '': 'v' },
      { é: 'v' },
      { '(x)': 'v' },
      'X-A: 1',
      42
    ];
    for (const header of headers) await rejectOptions(ctx, api, { url, header }, expected, `header ${assert.show(header)}`);
  }),

  defineCase('Referer, Host and Sec-WebSocket-Key are dropped, each named once in a warning; the connection proceeds', async (ctx) => {
    const api = ctx.createSocketApi();
    const header = {
      Referer: 'https://evil.example/',
      Host: 'evil.example',
      'Sec-WebSocket-Key': 'AAAAAAAAAAAAAAAAAAAAAA==',
      'X-Custom': 'kept'
    };
    await openTask(ctx, api, '/echo', { header });
    await openTask(ctx, api, '/echo', { header });
    const { handshakes } = await ctx.serverLog();
    assert.equal(handshakes.length, 2, 'handshakes seen');
    for (const { headers } of handshakes) {
      assert.equal(headers.referer, undefined, 'Referer must not be sent');
      assert.equal(headers.host, serverHost(ctx), 'Host must be the real one');
      assert.notEqual(headers['sec-websocket-key'], header['Sec-WebSocket-Key'], 'Sec-WebSocket-Key must be the engine own');
      if (ctx.env === 'node') assert.equal(headers['x-custom'], 'kept', 'other headers are sent (Node)');
    }
    for (const name of ['referer', 'host', 'sec-websocket-key']) {
      const naming = ctx.warnings.filter((w) => new RegExp(`\\b${name}\\b`, 'i').test(w));
      assert.equal(naming.length, 1, `warnings naming ${name} (all: ${assert.show(ctx.warnings)})`);
    }
  }),

  defineCase('the other handshake headers cannot be overridden either', async (ctx) => {
    const api = ctx.createSocketApi();
    const header = {
      Connection: 'close',
      Upgrade: 'h2c',
      'Content-Length': '5',
      'Sec-WebSocket-Protocol': 'evil',
      'Sec-WebSocket-Version': '8'
    };
    await openTask(ctx, api, '/echo', { header });
    const [handshake] = (await ctx.serverLog()).handshakes;
    assert.ok(handshake, 'handshake seen');
    assert.match(handshake.headers.connection, /upgrade/i, 'Connection');
    assert.equal(handshake.headers.upgrade?.toLowerCase(), 'websocket', 'Upgrade');
    assert.equal(handshake.headers['content-length'], undefined, 'Content-Length');
    assert.deepEqual(handshake.protocols, [], 'Sec-WebSocket-Protocol comes from `protocols` only');
    assert.equal(handshake.headers['sec-websocket-version'], '13', 'Sec-WebSocket-Version');
    for (const name of Object.keys(header)) {
      assert.ok(
        ctx.warnings.some((w) => w.toLowerCase().includes(name.toLowerCase())),
        `a warning names ${name} (all: ${assert.show(ctx.warnings)})`
      );
    }
  }),

  defineCase(
    'header values that are numbers or booleans are sent as strings',
    async (ctx) => {
      const api = ctx.createSocketApi();
      await openTask(ctx, api, '/echo', { header: { 'X-Num': 42, 'X-Bool': true, 'x-lower': 'v' } });
      const [handshake] = (await ctx.serverLog()).handshakes;
      assert.includes(handshake?.headers, { 'x-num': '42', 'x-bool': 'true', 'x-lower': 'v' }, 'headers seen by the server');
    },
    { nodeOnly: true }
  ),

  defineCase('protocols are offered in order and the agreed one opens the connection', async (ctx) => {
    const api = ctx.createSocketApi();
    const { log } = await openTask(ctx, api, '/echo', { protocols: ['chat', 'superchat'] });
    const [handshake] = (await ctx.serverLog()).handshakes;
    assert.deepEqual(handshake?.protocols, ['chat', 'superchat'], 'offered protocols');
    if (ctx.env === 'node') assert.equal(log.all('open')[0]?.header['sec-websocket-protocol'], 'chat', 'open header');
    await openTask(ctx, api, '/echo', { protocols: [] }, 'empty');
    assert.deepEqual((await ctx.serverLog('empty')).handshakes[0]?.protocols, [], 'an empty array offers nothing');
  }),

  defineCase('invalid protocols fail with INVALID_PROTOCOLS', async (ctx) => {
    const api = ctx.createSocketApi();
    const url = ctx.url('/echo');
    const expected = { errCode: ErrCode.INVALID_PROTOCOLS, errMsg: /^connectSocket:fail invalid protocols/, noHandshake: true };
    // uni-app x alone takes one string (docs/contract.md section 8).
    const bad: unknown[] = [['a', 'a'], [''], ['a b'], ['a,b'], [42], ...(ctx.profile === 'uni' ? [] : ['chat']), 42, {}];
    for (const protocols of bad) await rejectOptions(ctx, api, { url, protocols }, expected, `protocols ${assert.show(protocols)}`);
  }),

  defineCase('invalid timeouts fail with INVALID_TIMEOUT', async (ctx) => {
    const api = ctx.createSocketApi();
    const url = ctx.url('/echo');
    const expected = { errCode: ErrCode.INVALID_TIMEOUT, errMsg: /^connectSocket:fail invalid timeout/, noHandshake: true };
    for (const timeout of [-1, Number.NaN, '200', {}])
      await rejectOptions(ctx, api, { url, timeout }, expected, `timeout ${assert.show(timeout)}`);
  }),

  defineCase('method: GET in any case is silent, the other listed methods warn and still GET, unknown ones fail', async (ctx) => {
    const api = ctx.createSocketApi();
    await openTask(ctx, api, '/echo', { method: 'get' }, 'get');
    assert.deepEqual(ctx.warnings, [], 'no warning for get');
    await openTask(ctx, api, '/echo', { method: 'POST' }, 'post');
    assert.ok(
      ctx.warnings.some((w) => w.includes('POST')),
      `a warning names POST (all: ${assert.show(ctx.warnings)})`
    );
    assert.equal((await ctx.serverLog('post')).handshakes[0]?.method, 'GET', 'the handshake is GET anyway');
    const url = ctx.url('/echo');
    const expected = { errCode: ErrCode.INVALID_METHOD, errMsg: /^connectSocket:fail invalid method/, noHandshake: true };
    for (const method of ['FOO', 42]) await rejectOptions(ctx, api, { url, method }, expected, `method ${assert.show(method)}`);
  }),

  defineCase('data is appended to the query string, keeping the query already there', async (ctx) => {
    const api = ctx.createSocketApi();
    await openTask(ctx, api, '/echo', { data: { x: 1, y: 'b', q: 'a b&c=d' } });
    const [handshake] = (await ctx.serverLog()).handshakes;
    assert.ok(handshake, 'handshake seen (the id query survived)');
    const query = new URL(handshake.url, 'http://h').searchParams;
    assert.deepEqual(
      [query.get('id'), query.get('x'), query.get('y'), query.get('q')],
      [ctx.id, '1', 'b', 'a b&c=d'],
      `query of ${handshake.url}`
    );
    assert.ok(handshake.url.includes('x=1&y=b'), `data in order in ${handshake.url}`);
    const url = ctx.url('/echo', 'bad');
    for (const data of [42, 'x=1']) {
      await rejectOptions(ctx, api, { url, data }, { errCode: ErrCode.INVALID_DATA_OPTION }, `data ${assert.show(data)}`);
    }
    assert.equal((await ctx.serverLog('bad')).handshakes.length, 0, 'bad data never dials');
  }),

  defineCase('path and query of the url reach the server unchanged', async (ctx) => {
    const api = ctx.createSocketApi();
    await openTask(ctx, api, '/echo/deep/path?x=%20y&z');
    const [handshake] = (await ctx.serverLog()).handshakes;
    assert.equal(handshake?.url, `/echo/deep/path?x=%20y&z&id=${encodeURIComponent(ctx.id)}`, 'request target');
  }),

  defineCase('tcpNoDelay, perMessageDeflate and forceCellularNetwork are accepted', async (ctx) => {
    const api = ctx.createSocketApi();
    const { task } = await openTask(ctx, api, '/echo', { tcpNoDelay: true, perMessageDeflate: true, forceCellularNetwork: true }, 'on');
    const reply = new Promise((resolve) => task.onMessage((r) => resolve(r.data)));
    task.send({ data: 'compress me '.repeat(10) });
    assert.equal(await reply, 'compress me '.repeat(10), 'echo');
    await openTask(ctx, api, '/echo', {}, 'off');
    if (ctx.env === 'node') {
      const on = (await ctx.serverLog('on')).handshakes[0];
      const off = (await ctx.serverLog('off')).handshakes[0];
      assert.match(on?.headers['sec-websocket-extensions'], /permessage-deflate/, 'perMessageDeflate: true offers the extension');
      assert.equal(off?.headers['sec-websocket-extensions'], undefined, 'perMessageDeflate is off by default');
    }
  }),

  defineCase('connectSocket never throws when its callbacks throw', async (ctx) => {
    const api = ctx.createSocketApi();
    const throwing = (): never => {
      throw new Error('callback boom');
    };
    const task = assert.doesNotThrow(() => api.connectSocket({ url: ctx.url('/echo'), success: throwing, complete: throwing }));
    const log = events(task);
    await log.next('open');
    const dead = assert.doesNotThrow(() => connectRaw(api, { url: 'http://x/', fail: throwing, complete: throwing }));
    await events(dead).next('error');
    await delay(20);
    assert.ok(
      ctx.warnings.some((w) => w.includes('callback boom')),
      `the thrown errors reach the warning channel (all: ${assert.show(ctx.warnings)})`
    );
  })
];
