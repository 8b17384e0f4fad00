/**
 * The docs/contract.md section 8 rows as test suites, run by each profile's file with that profile's
 * facts. A profile that departs from its row fails here.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectSocketOptions, ProfileName, SocketApi, SocketError, SocketTask } from '../../src/index.js';
import { outcome, record, type useApis, type useServer, waitUntil } from './helpers.js';

export interface ProfileFacts {
  profile: ProfileName;
  /** Default connection limit; undefined for none. */
  limit?: number;
  /** The exact errMsg when the limit is reached. */
  limitMessage?: string;
  globals: boolean;
  globalCloseBeforeOpen?: 'abort' | 'fail';
  sendViews: boolean;
  protocolsAsString: boolean;
  /** connectSocket returns Promise<SocketTask> (Taro). */
  promise: boolean;
  errSubject?: string;
}

/** Waits for every task's open (listeners attached at once: events are never replayed). */
async function openAll(tasks: SocketTask[]): Promise<void> {
  await Promise.all(tasks.map(record).map((events) => events.wait('open')));
}

type Env = { server: ReturnType<typeof useServer>; apis: ReturnType<typeof useApis> };

/** connectSocket, awaiting Taro's Promise; a failed Taro call yields its fail result. */
export async function connect(api: SocketApi, options: ConnectSocketOptions): Promise<SocketTask> {
  const result = api.connectSocket(options) as unknown;
  return (result instanceof Promise ? await result : result) as SocketTask;
}

/** A failing connectSocket call: its fail result and, for a sync profile, its task's onError. */
async function failingConnect(
  facts: ProfileFacts,
  api: SocketApi,
  url: string
): Promise<{ fail: SocketError; error?: unknown; task?: SocketTask }> {
  const o = outcome();
  if (facts.promise) {
    // Taro without fail/complete: the Promise rejects with the fail result itself.
    const rejected = await (api.connectSocket({ url }) as unknown as Promise<unknown>).then(
      () => expect.fail('expected a rejection'),
      (reason: unknown) => reason
    );
    expect(rejected).not.toBeInstanceOf(Error);
    return { fail: rejected as SocketError };
  }
  const task = api.connectSocket({ url, fail: o.fail, complete: o.complete });
  const events = record(task);
  await o.settled();
  const error = await events.wait('error');
  expect(o.calls.map(([n]) => n)).toEqual(['fail', 'complete']);
  expect(o.calls[1]![1]).toBe(o.calls[0]![1]);
  expect(task.readyState).toBe(task.CLOSED);
  return { fail: o.calls[0]![1], error, task };
}

function limitSuite(facts: ProfileFacts, { server, apis }: Env): void {
  const limit = facts.limit;
  if (limit === undefined) {
    it('has no default connection limit: eight sockets connect at once', async () => {
      const api = apis.create({ profile: facts.profile });
      const tasks = await Promise.all(Array.from({ length: 8 }, () => connect(api, { url: server.url('/echo') })));
      await openAll(tasks);
      expect(tasks.every((task) => task.readyState === task.OPEN)).toBe(true);
    });
    return;
  }

  describe(`the limit of ${limit}`, () => {
    it('CONNECTING tasks hold their slots; the next call fails with the platform text', async () => {
      const api = apis.create({ profile: facts.profile });
      const held = await Promise.all(Array.from({ length: limit }, () => connect(api, { url: server.url('/hang') })));
      expect(held.every((task) => task.readyState === task.CONNECTING)).toBe(true);
      const { fail, error } = await failingConnect(facts, api, server.url('/echo'));
      expect(fail.errMsg).toBe(facts.limitMessage);
      expect(fail.errCode).toBe(610012);
      if (error !== undefined) expect((error as SocketError).errMsg).toBe(facts.limitMessage);
      // Freeing one slot (abort while connecting) lets the next call through.
      const events = record(held[0]!);
      held[0]!.close({});
      await events.wait('close');
      const next = await connect(api, { url: server.url('/echo') });
      await record(next).wait('open');
    });

    it('CLOSING tasks hold their slots', async () => {
      const api = apis.create({ profile: facts.profile });
      const held = await Promise.all(Array.from({ length: limit }, () => connect(api, { url: server.url('/no-close-reply') })));
      await openAll(held);
      for (const task of held) task.close({});
      expect(held.every((task) => task.readyState === task.CLOSING)).toBe(true);
      const { fail } = await failingConnect(facts, api, server.url('/echo'));
      expect(fail.errMsg).toBe(facts.limitMessage);
    });

    it('reconnecting inside onClose at the limit succeeds', async () => {
      const api = apis.create({ profile: facts.profile });
      const held = await Promise.all(Array.from({ length: limit }, () => connect(api, { url: server.url('/echo') })));
      await openAll(held);
      let again: Promise<ReturnType<typeof record>> | undefined;
      held[0]!.onClose(() => {
        again = connect(api, { url: server.url('/echo') }).then(record);
      });
      held[0]!.close({});
      await waitUntil(() => again !== undefined, 'the reconnect in onClose');
      const events = await again!;
      expect((await events.wait('open')) as object).toHaveProperty('header');
    });

    it('config.maxConnections overrides the default, with the same text', async () => {
      const api = apis.create({ profile: facts.profile, maxConnections: 1 });
      await connect(api, { url: server.url('/hang') });
      const { fail } = await failingConnect(facts, api, server.url('/echo'));
      expect(fail.errMsg).toBe(facts.limitMessage!.replace(String(limit), '1'));
    });
  });
}

function sendDataSuite(facts: ProfileFacts, { server, apis }: Env): void {
  it(`send takes string and ArrayBuffer${facts.sendViews ? ' and views' : ', and refuses views'}`, async () => {
    const api = apis.create({ profile: facts.profile });
    const task = await connect(api, { url: server.url('/echo') });
    const events = record(task);
    await events.wait('open');
    const sent = outcome();
    task.send({ data: new ArrayBuffer(3), ...sent });
    await sent.settled();
    expect(sent.calls[0]![0]).toBe('success');
    for (const view of [new Uint8Array([1, 2]), Buffer.from('hi'), new DataView(new ArrayBuffer(2))]) {
      const o = outcome();
      task.send({ data: view, ...o });
      await o.settled();
      if (facts.sendViews) {
        expect(o.calls[0]![0]).toBe('success');
      } else {
        expect(o.calls[0]).toEqual([
          'fail',
          expect.objectContaining({ errMsg: 'sendSocketMessage:fail data must be string or ArrayBuffer', errCode: 610007 })
        ]);
      }
    }
    // A refused send leaves the connection as it was.
    task.send({ data: 'still here' });
    await events.wait('message', 2);
    expect(task.readyState).toBe(task.OPEN);
  });
}

function protocolsSuite(facts: ProfileFacts, { server, apis }: Env): void {
  it(`protocols as one string is ${facts.protocolsAsString ? 'accepted' : 'refused'}`, async () => {
    const api = apis.create({ profile: facts.profile });
    const url = `${server.url('/echo')}?id=proto-${facts.profile}`;
    if (facts.protocolsAsString) {
      const task = await connect(api, { url, protocols: 'chat' });
      await record(task).wait('open');
      expect(server.server.log(`proto-${facts.profile}`).handshakes[0]!.protocols).toEqual(['chat']);
    } else {
      const o = outcome();
      const result = api.connectSocket({ url, protocols: 'chat', fail: o.fail, complete: o.complete }) as unknown;
      await o.settled();
      if (result instanceof Promise) expect(await result).toBe(o.calls[0]![1]);
      expect(o.calls[0]![1].errMsg).toMatch(/^connectSocket:fail invalid protocols/);
      expect(server.server.log(`proto-${facts.profile}`).handshakes).toHaveLength(0);
    }
  });
}

function errorFieldsSuite(facts: ProfileFacts, { server, apis }: Env): void {
  it(`fail results and onError ${facts.errSubject ? `carry errSubject '${facts.errSubject}' and cause` : 'carry errMsg and errCode only'}`, async () => {
    const api = apis.create({ profile: facts.profile });
    const subject = facts.errSubject === undefined ? {} : { errSubject: facts.errSubject };
    // A refused call.
    const o = outcome();
    const result = api.connectSocket({ url: 'http://example.com', fail: o.fail, complete: o.complete }) as unknown;
    await o.settled();
    expect(o.calls[0]![1]).toEqual({ errMsg: 'connectSocket:fail invalid url "http://example.com"', errCode: 600009, ...subject });
    if (result instanceof Promise) await result;
    // A failure on the wire, with an underlying error as cause.
    const task = await connect(api, { url: server.url('/status/403') });
    const events = record(task);
    const error = (await events.wait('error')) as SocketError;
    expect(error).toMatchObject({ errMsg: 'connectSocket:fail unexpected response status 403', errCode: 610024, ...subject });
    if (facts.errSubject === undefined) expect(error).not.toHaveProperty('errSubject');
    else expect(error.cause).toBeInstanceOf(Error);
    await events.wait('close');
    // A send that cannot go out.
    const sent = outcome();
    task.send({ data: 'x', ...sent });
    await sent.settled();
    expect(sent.calls[0]![1]).toEqual({ errMsg: 'sendSocketMessage:fail WebSocket is not connected', errCode: 10002, ...subject });
  });
}

const GLOBAL_NAMES = [
  'sendSocketMessage',
  'closeSocket',
  'onSocketOpen',
  'onSocketMessage',
  'onSocketError',
  'onSocketClose',
  'offSocketOpen',
  'offSocketMessage',
  'offSocketError',
  'offSocketClose'
] as const;

const NOT_CONNECTED_SEND = { errMsg: 'sendSocketMessage:fail WebSocket is not connected', errCode: 10002 };
const NOT_CONNECTED_CLOSE = { errMsg: 'closeSocket:fail WebSocket is not connected', errCode: 10002 };

function globalsSuite(facts: ProfileFacts, { server, apis }: Env): void {
  if (!facts.globals) {
    it('has no global socket functions', () => {
      const api = apis.create({ profile: facts.profile }) as unknown as Record<string, unknown>;
      for (const name of GLOBAL_NAMES) expect(api[name], name).toBeUndefined();
      expect(typeof api.connectSocket).toBe('function');
    });
    return;
  }
  const subject = facts.errSubject === undefined ? {} : { errSubject: facts.errSubject };

  describe('global functions', () => {
    it('act on the earliest live task; the binding passes on when it ends', async () => {
      const api = apis.create({ profile: facts.profile });
      const opened: string[] = [];
      const closed: unknown[] = [];
      const messages: unknown[] = [];
      api.onSocketOpen((r) => opened.push(Object.keys(r).join()));
      api.onSocketClose((r) => closed.push(r));
      api.onSocketMessage((r) => messages.push(r.data));
      const a = await connect(api, { url: `${server.url('/echo')}?id=bind-a-${facts.profile}` });
      const b = await connect(api, { url: `${server.url('/echo')}?id=bind-b-${facts.profile}` });
      const ea = record(a);
      const eb = record(b);
      await ea.wait('open');
      await eb.wait('open');
      // Only the bound task's open reaches onSocketOpen, with { header } only.
      expect(opened).toEqual(['header']);
      await api.sendSocketMessage({ data: 'to-a' });
      await ea.wait('message');
      expect(messages).toEqual(['to-a']);
      expect(server.server.log(`bind-a-${facts.profile}`).connections[0]!.messages.map((m) => m.data)).toEqual(['to-a']);
      await api.closeSocket({ code: 4001, reason: 'bye' });
      await ea.wait('close');
      expect(closed).toEqual([{ code: 4001, reason: 'bye' }]);
      // Now b is bound.
      await api.sendSocketMessage({ data: 'to-b' });
      await eb.wait('message');
      expect(messages).toEqual(['to-a', 'to-b']);
      expect(server.server.log(`bind-b-${facts.profile}`).connections[0]!.messages.map((m) => m.data)).toEqual(['to-b']);
    });

    it('onSocketX has one slot: the last registration wins, offSocketX empties it', async () => {
      const api = apis.create({ profile: facts.profile });
      const first: unknown[] = [];
      const second: unknown[] = [];
      const one = (r: { data: unknown }) => first.push(r.data);
      const two = (r: { data: unknown }) => second.push(r.data);
      api.onSocketMessage(one);
      api.onSocketMessage(two);
      const task = await connect(api, { url: server.url('/echo') });
      const events = record(task);
      await events.wait('open');
      task.send({ data: 'a' });
      await events.wait('message', 1);
      expect(first).toEqual([]);
      expect(second).toEqual(['a']);
      api.offSocketMessage(one); // not the one in the slot: no effect
      task.send({ data: 'b' });
      await events.wait('message', 2);
      expect(second).toEqual(['a', 'b']);
      api.offSocketMessage();
      task.send({ data: 'c' });
      await events.wait('message', 3);
      expect(second).toEqual(['a', 'b']);
    });

    it('return a Promise exactly when no success/fail/complete key is present; it rejects with the fail result', async () => {
      const api = apis.create({ profile: facts.profile });
      const rejected = await api.sendSocketMessage({ data: 'x' })!.then(
        () => expect.fail('expected a rejection'),
        (reason: unknown) => reason
      );
      expect(rejected).not.toBeInstanceOf(Error);
      expect(rejected).toEqual({ ...NOT_CONNECTED_SEND, ...subject });
      expect(await api.closeSocket()!.catch((r: unknown) => r)).toEqual({ ...NOT_CONNECTED_CLOSE, ...subject });
      // A key that is present, even undefined, selects callbacks.
      expect(api.sendSocketMessage({ data: 'x', success: undefined })).toBeUndefined();
      const o = outcome();
      expect(api.sendSocketMessage({ data: 'x', complete: o.complete })).toBeUndefined();
      await o.settled();
      expect(o.calls).toEqual([['complete', { ...NOT_CONNECTED_SEND, ...subject }]]);

      const task = await connect(api, { url: server.url('/echo') });
      await record(task).wait('open');
      expect(await api.sendSocketMessage({ data: 'x' })).toEqual({ errMsg: 'sendSocketMessage:ok' });
      expect(await api.closeSocket({})).toEqual({ errMsg: 'closeSocket:ok' });
    });

    it(`closeSocket before open ${facts.globalCloseBeforeOpen === 'abort' ? 'aborts the handshake' : 'fails "not connected" and the socket still opens'}`, async () => {
      const api = apis.create({ profile: facts.profile });
      const closes: unknown[] = [];
      api.onSocketClose((r) => closes.push(r));
      const task = await connect(api, { url: server.url('/echo') });
      const events = record(task);
      expect(task.readyState).toBe(task.CONNECTING);
      const o = outcome();
      api.closeSocket({ ...o });
      await o.settled();
      if (facts.globalCloseBeforeOpen === 'abort') {
        expect(o.calls[0]).toEqual(['success', { errMsg: 'closeSocket:ok' }]);
        expect(await events.wait('close')).toEqual({ code: 1000, reason: '' });
        expect(closes).toEqual([{ code: 1000, reason: '' }]);
        expect(events.names()).toEqual(['close']);
      } else {
        expect(o.calls[0]).toEqual(['fail', { ...NOT_CONNECTED_CLOSE, ...subject }]);
        await events.wait('open');
        expect(task.readyState).toBe(task.OPEN);
      }
    });

    it('bad input to every global function gets a fail result or a warning, never an exception', async () => {
      const api = apis.create({ profile: facts.profile });
      const loose = api as unknown as Record<string, (...args: unknown[]) => unknown>;
      const task = await connect(api, { url: server.url('/echo') });
      await record(task).wait('open');
      const invalidOptions = { errMsg: 'sendSocketMessage:fail invalid options: expected an object', errCode: 610001, ...subject };
      for (const input of [undefined, null, 'text', 42]) {
        expect(await (loose.sendSocketMessage!(input) as Promise<unknown>).catch((r: unknown) => r)).toEqual(invalidOptions);
      }
      for (const data of [42, undefined, { a: 1 }, [1], null]) {
        expect(await api.sendSocketMessage({ data: data as unknown as string })!.catch((r: unknown) => r)).toEqual({
          errMsg: 'sendSocketMessage:fail data must be string or ArrayBuffer',
          errCode: 610007,
          ...subject
        });
      }
      const throwing = Object.defineProperty({}, 'data', {
        get: () => {
          throw new Error('boom');
        }
      });
      expect(await api.sendSocketMessage(throwing as { data: string })!.catch((r: unknown) => r)).toMatchObject({
        errMsg: 'sendSocketMessage:fail invalid options: boom'
      });
      for (const input of [null, 'text', 42]) {
        expect(await (loose.closeSocket!(input) as Promise<unknown>).catch((r: unknown) => r)).toEqual({
          errMsg: 'closeSocket:fail invalid options: expected an object',
          errCode: 610001,
          ...subject
        });
      }
      expect(await api.closeSocket({ code: 1 })!.catch((r: unknown) => r)).toMatchObject({
        errMsg: 'closeSocket:fail invalid code 1: must be 1000 or between 3000 and 4999'
      });
      for (const name of GLOBAL_NAMES.filter((n) => n.startsWith('on') || n.startsWith('off'))) {
        for (const input of [undefined, null, 'text', 42, {}]) expect(() => loose[name]!(input)).not.toThrow();
      }
      expect(apis.warnings.some((w) => /onSocketOpen ignored a listener that is not a function/.test(w))).toBe(true);
      // The connection was never disturbed.
      expect(task.readyState).toBe(task.OPEN);
    });
  });
}

/** Every row suite above, with one profile's facts: what each profile's file runs. */
export function profileSuites(facts: ProfileFacts, env: Env): void {
  limitSuite(facts, env);
  globalsSuite(facts, env);
  sendDataSuite(facts, env);
  protocolsSuite(facts, env);
  errorFieldsSuite(facts, env);
}
