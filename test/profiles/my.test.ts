/**
 * The `my` profile (Alipay): global mode unless `multiple: true`, fail results with
 * `error`/`errorMessage`, base64 binary with `isBuffer` on the global functions, 30 s
 * default timeout. Against the real test server on loopback.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSocketApi,
  ErrCode,
  type ConnectSocketOptions,
  type MySocketApi,
  type SocketApi,
  type SocketApiConfig,
  type SocketError
} from '../../src/index.js';
import { decodeBase64, encodeBase64 } from '../../src/profiles/base64.js';
import { profiles } from '../../src/profiles/index.js';
import { installGlobals } from '../../src/testing/index.js';
import { STRICT_NODENEXT, tsc } from '../support/tsc.js';
import { describeContract } from '../support/contract-suite.js';
import { delay, outcome, record, useServer, waitUntil } from './helpers.js';

type GlobalEvent = ['open' | 'message' | 'error' | 'close', Record<string, unknown>];

/** An Alipay API object with its four global slots recording into `events`. */
function globalSession(api: MySocketApi): {
  events: GlobalEvent[];
  wait(name: GlobalEvent[0], count?: number): Promise<Record<string, unknown>>;
} {
  const events: GlobalEvent[] = [];
  api.onSocketOpen((r) => events.push(['open', r as unknown as Record<string, unknown>]));
  api.onSocketMessage((r) => events.push(['message', r as unknown as Record<string, unknown>]));
  api.onSocketError((r) => events.push(['error', r as unknown as Record<string, unknown>]));
  api.onSocketClose((r) => events.push(['close', r as unknown as Record<string, unknown>]));
  const all = (name: GlobalEvent[0]) => events.filter(([n]) => n === name).map(([, r]) => r);
  return {
    events,
    async wait(name, count = 1) {
      await waitUntil(() => all(name).length >= count, `global ${name} #${count} (so far: ${events.map(([n]) => n).join(', ')})`);
      return all(name)[count - 1]!;
    }
  };
}

/** Resolves with the fail result of a Promise-style global call. */
const rejection = (promise: Promise<object> | undefined): Promise<unknown> =>
  promise!.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason
  );

/** sendSocketMessage's fail result with no global socket open, in Alipay's fields. */
const SEND_NOT_CONNECTED = {
  errMsg: 'sendSocketMessage:fail WebSocket is not connected',
  errCode: 10002,
  error: 10002,
  errorMessage: 'WebSocket is not connected'
};

const bytes = (buffer: ArrayBuffer): number[] => Array.from(new Uint8Array(buffer));
const hex = (values: number[]): string => values.map((b) => b.toString(16).padStart(2, '0')).join('');

describe('profile my', () => {
  const server = useServer();
  const apis: MySocketApi[] = [];
  const warnings: string[] = [];
  const create = (config: Omit<SocketApiConfig, 'profile'> = {}): MySocketApi => {
    const api = createSocketApi({ profile: 'my', warn: (m) => warnings.push(m), ...config });
    apis.push(api);
    return api;
  };
  /** A fresh API object whose global socket to `url` has opened, with its global events recorded. */
  const openGlobal = async (url = server.url('/echo')): Promise<{ api: MySocketApi; g: ReturnType<typeof globalSession> }> => {
    const api = create();
    const g = globalSession(api);
    api.connectSocket({ url });
    await g.wait('open');
    return { api, g };
  };
  afterEach(async () => {
    // The global socket of each API object: close it if open and wait for its end, boundedly.
    for (const api of apis.splice(0)) {
      await new Promise<void>((resolve) => {
        api.onSocketClose(() => resolve());
        api.closeSocket({ fail: () => resolve() });
        void delay(1000).then(resolve);
      });
    }
    warnings.length = 0;
  });

  describe('profile data', () => {
    it('is registered with global name my and a 30 s default timeout', () => {
      expect(profiles.my).toMatchObject({ name: 'my', globalName: 'my', defaultTimeout: 30_000, globals: true, sendViews: false });
      expect(profiles.wx?.defaultTimeout).toBeUndefined();
    });

    it('installGlobals({ profile: "my" }) installs globalThis.my and restores it', () => {
      const scope = globalThis as { my?: unknown };
      expect(scope.my).toBeUndefined();
      const uninstall = installGlobals({ profile: 'my' });
      expect(uninstall.globalName).toBe('my');
      expect(scope.my).toBe(uninstall.api);
      expect(uninstall.api.profile).toBe('my');
      uninstall();
      expect(scope.my).toBeUndefined();
    });

    it('MySocketApi types: a task only with multiple: true, isBuffer on the globals, error/errorMessage on fail results', async () => {
      const fixture = fileURLToPath(new URL('./fixtures/my-typing.ts', import.meta.url));
      const output = await tsc([...STRICT_NODENEXT, fixture]);
      // Any diagnostic fails: in the fixture (a wrong overload) or in src (tsc must have run on real types).
      expect(output.split('\n').filter((line) => /error TS/.test(line))).toEqual([]);
      expect(output).toBe('');
    }, 180_000);

    it('base64 round-trips every byte value and rejects text that is not base64', () => {
      const all = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
      const text = encodeBase64(all.buffer);
      expect(text).toBe(btoa(String.fromCharCode(...all)));
      const back = decodeBase64(text)!;
      expect(back.byteLength).toBe(300);
      expect(bytes(back)).toEqual(Array.from(all));
      expect(encodeBase64(new ArrayBuffer(0))).toBe('');
      expect(decodeBase64('')!.byteLength).toBe(0);
      expect(decodeBase64('@@@@')).toBeUndefined();
      expect(decodeBase64('abcde')).toBeUndefined();
    });
  });

  describe('global mode (no multiple: true)', () => {
    it('connectSocket returns undefined; the globals connect, send, receive and close', async () => {
      const api = create();
      const g = globalSession(api);
      const o = outcome();
      const returned = api.connectSocket({ url: server.url('/echo'), ...o });
      expect(returned).toBeUndefined();
      await o.settled();
      expect(o.calls[0]).toEqual(['success', { errMsg: 'connectSocket:ok', socketTaskId: 1 }]);
      expect(await g.wait('open')).toHaveProperty('header');
      await api.sendSocketMessage({ data: 'hello' });
      expect(await g.wait('message')).toEqual({ data: 'hello', isBuffer: false });
      await api.closeSocket({ code: 1000, reason: 'bye' });
      expect(await g.wait('close')).toEqual({ code: 1000, reason: 'bye' });
      expect(g.events.map(([n]) => n)).toEqual(['open', 'message', 'close']);
    });

    it("sendSocketMessage and closeSocket succeed with Alipay's result fields: { success: true } and { message }", async () => {
      const { api, g } = await openGlobal();
      const sent = outcome();
      api.sendSocketMessage({ data: 'a', ...sent });
      await sent.settled();
      const sendOk = { errMsg: 'sendSocketMessage:ok', success: true };
      expect(sent.calls).toEqual([
        ['success', sendOk],
        ['complete', sendOk]
      ]);
      // complete alone gets the fields too, and so does the Promise.
      const completeOnly: unknown[] = [];
      api.sendSocketMessage({ data: 'b', complete: (r) => completeOnly.push(r) });
      expect(await api.sendSocketMessage({ data: 'c' })).toEqual(sendOk);
      expect(completeOnly).toEqual([sendOk]);
      const closed = outcome();
      api.closeSocket({ ...closed });
      await closed.settled();
      const closeOk = { errMsg: 'closeSocket:ok', message: 'closeSocket:ok' };
      expect(closed.calls).toEqual([
        ['success', closeOk],
        ['complete', closeOk]
      ]);
      await g.wait('close');
      // The task of multiple: true keeps the contract's results.
      const task = api.connectSocket({ url: server.url('/echo'), multiple: true });
      await new Promise((resolve) => task.onOpen(resolve));
      const own = outcome();
      task.send({ data: 'd', ...own });
      await own.settled();
      expect(own.calls[0]).toEqual(['success', { errMsg: 'sendSocketMessage:ok' }]);
      task.close({});
    });

    it('sendSocketMessage({ data: base64, isBuffer: true }) sends exactly the decoded bytes as a binary message, and the echo comes back as base64', async () => {
      const { api, g } = await openGlobal(`${server.url('/echo')}?id=my-bin`);
      const sent = [0, 1, 2, 127, 128, 254, 255, 0x3e, 0x3f, 0xfb, 0xff];
      const base64 = btoa(String.fromCharCode(...sent));
      await api.sendSocketMessage({ data: base64, isBuffer: true });
      const echoed = await g.wait('message');
      expect(echoed).toEqual({ data: base64, isBuffer: true });
      const seen = server.server.log('my-bin').connections[0]!.messages;
      expect(seen).toEqual([{ type: 'binary', data: hex(sent), size: sent.length }]);
    });

    it('a binary message from the server reaches onSocketMessage as base64 of exactly its bytes', async () => {
      const api = create();
      const g = globalSession(api);
      api.connectSocket({ url: server.url('/send-binary/1000') });
      const message = await g.wait('message');
      expect(message.isBuffer).toBe(true);
      expect(typeof message.data).toBe('string');
      const received = decodeBase64(message.data as string)!;
      expect(bytes(received)).toEqual(Array.from({ length: 1000 }, (_, i) => i % 256));
    });

    it('without isBuffer a string is sent as text, even if it looks like base64', async () => {
      const { api, g } = await openGlobal(`${server.url('/echo')}?id=my-text`);
      await api.sendSocketMessage({ data: 'AAEC', isBuffer: false });
      expect(await g.wait('message')).toEqual({ data: 'AAEC', isBuffer: false });
      expect(server.server.log('my-text').connections[0]!.messages).toEqual([{ type: 'text', data: 'AAEC', size: 4 }]);
    });

    it('a second global connectSocket while one is live fails with Alipay error 3; the first keeps working; after it closes a new one works', async () => {
      const { api, g } = await openGlobal();
      const o = outcome();
      expect(api.connectSocket({ url: server.url('/echo'), ...o })).toBeUndefined();
      await o.settled();
      expect(o.calls[0]![0]).toBe('fail');
      expect(o.calls[0]![1]).toMatchObject({ error: 3, errCode: ErrCode.TOO_MANY_CONNECTIONS });
      expect(o.calls[0]![1].errMsg).toMatch(/^connectSocket:fail a WebSocket already exists/);
      await api.sendSocketMessage({ data: 'still here' });
      expect(await g.wait('message')).toEqual({ data: 'still here', isBuffer: false });
      await api.closeSocket();
      await g.wait('close');
      api.connectSocket({ url: server.url('/echo') });
      await g.wait('open', 2);
      await api.sendSocketMessage({ data: 'again' });
      expect(await g.wait('message', 2)).toEqual({ data: 'again', isBuffer: false });
    });

    it('off* globals empty their slot: offSocketMessage(fn) and offSocketClose()', async () => {
      const api = create();
      const g = globalSession(api);
      const extra: unknown[] = [];
      const listener = (r: unknown): void => void extra.push(r);
      api.connectSocket({ url: `${server.url('/echo')}?id=my-off` });
      await g.wait('open');
      api.onSocketMessage(listener); // takes the slot from the session's listener
      await api.sendSocketMessage({ data: 'one' });
      await waitUntil(() => extra.length === 1, 'the first message');
      api.offSocketMessage(listener);
      api.offSocketError(() => undefined); // another function: that slot stays as it was
      await api.sendSocketMessage({ data: 'two' });
      // The server has it and echoes at once; give the echo a moment to arrive unheard.
      await waitUntil(() => server.server.log('my-off').connections[0]?.messages.length === 2, 'the server to get "two"');
      await delay(50);
      expect(extra).toEqual([{ data: 'one', isBuffer: false }]);
      api.offSocketClose();
      await api.closeSocket();
      await delay(100);
      expect(g.events.filter(([n]) => n === 'close')).toEqual([]);
    });

    it('the globals never see a multiple: true task, and send fails "not connected" with only such a task open', async () => {
      const api = create();
      const g = globalSession(api);
      const task = api.connectSocket({ url: server.url('/echo'), multiple: true });
      const events = record(task);
      await events.wait('open');
      const fail = (await rejection(api.sendSocketMessage({ data: 'x' }))) as SocketError;
      expect(fail).toMatchObject(SEND_NOT_CONNECTED);
      // A global socket beside it: the globals hear only that one.
      api.connectSocket({ url: server.url('/echo') });
      await g.wait('open');
      task.send({ data: 'own' });
      await api.sendSocketMessage({ data: 'global' });
      expect(await g.wait('message')).toEqual({ data: 'global', isBuffer: false });
      expect(await events.wait('message')).toEqual({ data: 'own' });
      await delay(20);
      expect(g.events.map(([, r]) => r.data).filter(Boolean)).toEqual(['global']);
      task.close();
      await events.wait('close');
    });
  });

  describe('multiple: true', () => {
    it('returns a SocketTask of the usual contract: ArrayBuffer in and out, no base64', async () => {
      const api = create();
      const task = api.connectSocket({ url: `${server.url('/echo')}?id=my-multi`, multiple: true });
      expect(task.readyState).toBe(task.CONNECTING);
      const events = record(task);
      await events.wait('open');
      const data = Uint8Array.from([9, 8, 7, 0, 255]).buffer;
      const o = outcome();
      task.send({ data, ...o });
      await o.settled();
      expect(o.calls[0]).toEqual(['success', { errMsg: 'sendSocketMessage:ok' }]);
      const echoed = (await events.wait('message')) as { data: ArrayBuffer };
      expect(echoed.data).toBeInstanceOf(ArrayBuffer);
      expect(bytes(echoed.data)).toEqual([9, 8, 7, 0, 255]);
      task.close({ code: 4000, reason: 'done' });
      expect(await events.wait('close')).toEqual({ code: 4000, reason: 'done' });
      expect(server.server.log('my-multi').connections[0]!.messages).toEqual([{ type: 'binary', data: '090807' + '00ff', size: 5 }]);
    });

    it('with reconnect, every link stays a task of its own: the globals never bind it, and a global socket beside it is not refused', async () => {
      const api = create();
      const g = globalSession(api);
      const task = api.connectSocket({
        url: server.url('/drop'),
        multiple: true,
        // No attempt limit: every link is dropped at once, so a limit could run out on a loaded
        // machine before close() below.
        reconnect: { minDelay: 10, maxDelay: 20 }
      });
      const events = record(task);
      await events.wait('open', 2); // the server drops each link: the second open is a redialled link
      const o = outcome();
      api.connectSocket({ url: server.url('/echo'), ...o });
      await o.settled();
      expect(o.calls[0]![0]).toBe('success');
      await g.wait('open');
      const before = events.list.length;
      task.close();
      // The final close: 1000, or 1006 when the server's drop of the open link beats the closing
      // handshake (seen on a loaded machine); either way nothing follows it.
      await waitUntil(() => events.list.slice(before).some(([n]) => n === 'close'), 'the final close');
      const final = events.list.slice(before).find(([n]) => n === 'close')![1] as { code: number };
      expect([1000, 1006]).toContain(final.code);
      await delay(50);
      expect(events.list.slice(before).map(([n]) => n)).toEqual(['close']);
      expect(g.events.map(([n]) => n)).toEqual(['open']);
    });

    it('several tasks at once, none blocked by error 3', async () => {
      const api = create();
      const tasks = [1, 2, 3].map(() => api.connectSocket({ url: server.url('/echo'), multiple: true }));
      await Promise.all(tasks.map((t) => record(t).wait('open')));
      for (const t of tasks) t.close();
    });
  });

  describe('fail results carry error and errorMessage beside errMsg and errCode', () => {
    const badUrls: Array<[string, number]> = [
      ['http://example.com/', 5],
      ['ftp://example.com/', 5],
      ['ws://', 4],
      ['ws://exa mple.com/', 4]
    ];
    for (const [url, error] of badUrls) {
      it(`bad url ${JSON.stringify(url)}: error ${error}, in fail and in the global onSocketError`, async () => {
        const api = create();
        const g = globalSession(api);
        const o = outcome();
        api.connectSocket({ url, ...o });
        await o.settled();
        const expected = {
          errMsg: `connectSocket:fail invalid url "${url}"`,
          errCode: 600009,
          error,
          errorMessage: `invalid url "${url}"`
        };
        const withoutCause = ({ cause: _cause, ...rest }: Record<string, unknown>) => rest;
        expect(o.calls.map(([n]) => n)).toEqual(['fail', 'complete']);
        expect(withoutCause(o.calls[0]![1])).toEqual(expected);
        expect(withoutCause(await g.wait('error'))).toEqual(expected);
      });
    }

    it('multiple: true with a bad url: the task gets onError with the same shape, the globals hear nothing', async () => {
      const api = create();
      const g = globalSession(api);
      const task = api.connectSocket({ url: 'wss://', multiple: true });
      const events = record(task);
      expect(await events.wait('error')).toMatchObject({ errCode: 600009, error: 4, errorMessage: 'invalid url "wss://"' });
      await delay(20);
      expect(g.events).toEqual([]);
    });

    it('options that are not an object: no throw, undefined, fail and the global onSocketError with error 2', async () => {
      const api = create();
      const g = globalSession(api);
      for (const bad of [null, 42, 'ws://x']) {
        expect(api.connectSocket(bad as unknown as ConnectSocketOptions)).toBeUndefined();
      }
      const error = await g.wait('error', 3);
      expect(error).toMatchObject({ errCode: ErrCode.INVALID_OPTIONS, error: 2 });
      expect(error.errorMessage).toMatch(/^invalid options: expected an object/);
    });

    it('bad options: error 2 (header), 20 (wss required)', async () => {
      const api = create({ requireWss: true });
      const o = outcome();
      api.connectSocket({ url: 'wss://example.com/', header: { 'bad name': 'x' }, ...o });
      await o.settled();
      expect(o.calls[0]![1]).toMatchObject({ errCode: ErrCode.INVALID_HEADER, error: 2 });
      const o2 = outcome();
      api.connectSocket({ url: 'ws://example.com/', ...o2 });
      await o2.settled();
      expect(o2.calls[0]![1]).toMatchObject({ errCode: ErrCode.WSS_REQUIRED, error: 20 });
      expect(o2.calls[0]![1].errorMessage).toMatch(/^wss required: /);
    });

    it('not connected: sendSocketMessage and closeSocket with no socket', async () => {
      const api = create();
      const send = (await rejection(api.sendSocketMessage({ data: 'x' }))) as SocketError;
      expect(send).toEqual(SEND_NOT_CONNECTED);
      const o = outcome();
      api.closeSocket({ ...o });
      await o.settled();
      expect(o.calls[0]).toEqual([
        'fail',
        { errMsg: 'closeSocket:fail WebSocket is not connected', errCode: 10002, error: 10002, errorMessage: 'WebSocket is not connected' }
      ]);
    });

    it('bad data: not string/ArrayBuffer, isBuffer with text that is not base64 or not a string; the socket stays open', async () => {
      const { api, g } = await openGlobal();
      expect(await rejection(api.sendSocketMessage({ data: 42 as unknown as string }))).toEqual({
        errMsg: 'sendSocketMessage:fail data must be string or ArrayBuffer',
        errCode: ErrCode.INVALID_SEND_DATA,
        error: ErrCode.INVALID_SEND_DATA,
        errorMessage: 'data must be string or ArrayBuffer'
      });
      const notBase64 = {
        errMsg: 'sendSocketMessage:fail invalid options: isBuffer: true needs data as a base64 string',
        errCode: ErrCode.INVALID_OPTIONS,
        error: ErrCode.INVALID_OPTIONS,
        errorMessage: 'invalid options: isBuffer: true needs data as a base64 string'
      };
      expect(await rejection(api.sendSocketMessage({ data: '@@not base64@@', isBuffer: true }))).toEqual(notBase64);
      expect(await rejection(api.sendSocketMessage({ data: new ArrayBuffer(2), isBuffer: true }))).toEqual(notBase64);
      const throwing = {
        data: 'x',
        get isBuffer(): boolean {
          throw new Error('boom');
        }
      };
      expect(await rejection(api.sendSocketMessage(throwing))).toMatchObject({
        errCode: ErrCode.INVALID_OPTIONS,
        errorMessage: 'invalid options: reading isBuffer threw'
      });
      await api.sendSocketMessage({ data: 'after' });
      expect(await g.wait('message')).toEqual({ data: 'after', isBuffer: false });
      expect(g.events.filter(([n]) => n === 'error')).toEqual([]);
    });
  });

  describe('default timeout 30 s', () => {
    it('the profile default reaches the dial (30000 for my, 60000 for wx), and config and the call override it', () => {
      const spy = vi.spyOn(globalThis, 'setTimeout');
      const dialTimeouts = (api: SocketApi | MySocketApi, options: ConnectSocketOptions & { multiple?: boolean }): number[] => {
        spy.mockClear();
        const task = (api as SocketApi).connectSocket(options);
        const delays = spy.mock.calls.map((call) => call[1] as number);
        if (task) task.close();
        else (api as MySocketApi).closeSocket({ fail: () => undefined });
        return delays;
      };
      try {
        expect(dialTimeouts(create(), { url: server.url('/hang'), multiple: true })).toContain(30_000);
        const wx = createSocketApi({ profile: 'wx' });
        expect(dialTimeouts(wx, { url: server.url('/hang') })).toContain(60_000);
        expect(dialTimeouts(wx, { url: server.url('/hang') })).not.toContain(30_000);
        expect(dialTimeouts(create({ timeout: 1234 }), { url: server.url('/hang'), multiple: true })).toContain(1234);
        expect(dialTimeouts(create(), { url: server.url('/hang'), multiple: true, timeout: 4321 })).toContain(4321);
      } finally {
        spy.mockRestore();
      }
    });

    it('global mode refuses reconnect and heartbeat: a layer with no task to return could never be stopped', async () => {
      const api = create();
      const g = globalSession(api);
      const dialled = server.server.handshakes.length;
      for (const layer of [{ reconnect: true }, { heartbeat: true }]) {
        const failed = await new Promise<SocketError>((resolve) => {
          expect(api.connectSocket({ url: server.url('/echo'), ...layer, fail: resolve })).toBeUndefined();
        });
        expect(failed).toMatchObject({
          errCode: ErrCode.INVALID_OPTIONS,
          error: 2,
          errMsg: 'connectSocket:fail invalid options: reconnect and heartbeat need a task to return: pass multiple: true'
        });
      }
      expect((await g.wait('error')).errCode).toBe(ErrCode.INVALID_OPTIONS);
      await delay(50);
      expect(server.server.handshakes.length).toBe(dialled);
    });

    it('a config timeout ends a hanging handshake with error, then close 1006 (global mode)', async () => {
      const api = create({ timeout: 300 });
      const g = globalSession(api);
      api.connectSocket({ url: server.url('/hang') });
      expect(await g.wait('error')).toMatchObject({
        errMsg: 'connectSocket:fail timeout',
        errCode: ErrCode.TIMEOUT,
        error: ErrCode.TIMEOUT,
        errorMessage: 'timeout'
      });
      expect(await g.wait('close')).toEqual({ code: 1006, reason: '' });
    });
  });
});

/** The API with `multiple: true` on every connectSocket: inherits from the case's options, so their getters run only when the API reads them. */
const withMultiple = (config: SocketApiConfig): SocketApi => {
  const api = createSocketApi(config) as SocketApi;
  const wrapped = Object.create(api) as SocketApi;
  Object.defineProperty(wrapped, 'connectSocket', {
    value: (options: unknown) =>
      api.connectSocket(
        (typeof options === 'object' && options !== null
          ? Object.create(options, { multiple: { value: true } })
          : options) as ConnectSocketOptions
      )
  });
  return wrapped;
};

/** The shared contract cases (except the global functions, which Alipay gives base64 and binding rules of its own) on `multiple: true` tasks. */
describeContract('shared contract cases under my with multiple: true', {
  env: 'node',
  profile: 'my',
  idPrefix: 'my',
  api: () => withMultiple,
  plan: (group, contractCase) =>
    group.name === 'global functions' ||
    // Options that are not an object cannot say multiple: true; global mode returns undefined (tested above).
    contractCase.name.startsWith('options that are not an object')
      ? 'omit'
      : undefined
});
