/**
 * The awaitable side of the test server: nextConnection, the connection object, bounded
 * waits whose errors say what was awaited and what arrived, JSON mode, send to all, reset.
 * Clients are minisocket's own SocketTasks (and raw ws where the wire itself matters).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSocket, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

/** Resolves with each message the task receives, in order, once `count` have arrived. */
const received = (task: SocketTask, count: number): Promise<unknown[]> =>
  new Promise((resolve) => {
    const got: unknown[] = [];
    task.onMessage(({ data }) => {
      got.push(data);
      if (got.length === count) resolve(got);
    });
  });
const closedWith = (task: SocketTask): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => task.onClose(({ code, reason }) => resolve({ code, reason })));

describe('nextConnection', () => {
  it('hands out the handshake, and the client is open: a send right after it succeeds', async () => {
    const task = connectSocket({ url: `${server.url}/chat?room=7&user=ann`, header: { 'x-token': 't1' }, protocols: ['chat.v1'] });
    const connection = await server.nextConnection();
    expect(connection.handshake).toEqual({
      path: '/chat',
      query: { room: '7', user: 'ann' },
      url: '/chat?room=7&user=ann',
      headers: expect.objectContaining({ 'x-token': 't1' }),
      protocols: ['chat.v1']
    });
    expect(connection.protocol).toBe('chat.v1');
    const sent = await new Promise<{ errMsg: string }>((resolve, reject) => task.send({ data: 'now', success: resolve, fail: reject }));
    expect(sent.errMsg).toBe('sendSocketMessage:ok');
    expect(await connection.nextMessage()).toBe('now');
    // Taken by a waiting nextConnection: no default echo on this connection.
    connection.send('from server');
    expect(await received(task, 1)).toEqual(['from server']);
    task.close({});
  });

  it('hands out connections in order, each once, also those that arrived before the call', async () => {
    const a = connectSocket({ url: `${server.url}/a` });
    await new Promise((resolve) => a.onOpen(resolve));
    const b = connectSocket({ url: `${server.url}/b` });
    await new Promise((resolve) => b.onOpen(resolve));
    expect((await server.nextConnection()).handshake.path).toBe('/a');
    expect((await server.nextConnection()).handshake.path).toBe('/b');
    await expect(server.nextConnection({ timeout: 50 })).rejects.toThrow(
      'minisocket/testing: expected a connection within 50 ms, got none (2 connection(s) arrived, all handed out by earlier nextConnection calls (paths: "/a", "/b"))'
    );
  });

  it('times out after the default 1 s, saying that no client even tried', async () => {
    await expect(server.nextConnection()).rejects.toThrow(
      'expected a connection within 1000 ms, got none (no client even started a handshake)'
    );
  });

  it('names the handshakes that did not open', async () => {
    connectSocket({ url: `${server.url}/status/503` });
    await expect(server.nextConnection({ timeout: 300 })).rejects.toThrow(
      '1 handshake(s), 1 not opened (faults or scenarios such as /status/<n> and /hang: "/status/503")'
    );
  });

  it('rejects a bad timeout with a TypeError', async () => {
    await expect(server.nextConnection({ timeout: -1 })).rejects.toThrow(TypeError);
  });
});

describe('a connection', () => {
  it('nextMessage takes messages in order; its timeout error says what did arrive', async () => {
    const task = connectSocket({ url: `${server.url}/chat` });
    const connection = await server.nextConnection();
    task.send({ data: 'one' });
    task.send({ data: new Uint8Array([1, 2, 3]).buffer });
    expect(await connection.nextMessage()).toBe('one');
    expect(await connection.nextMessage()).toEqual(Buffer.from([1, 2, 3]));
    await expect(connection.nextMessage({ timeout: 30 })).rejects.toThrow(
      'expected a message on the connection to /chat within 30 ms, got nothing (it received only earlier messages, all taken: "one", <3 bytes>)'
    );
    expect(connection.messages).toEqual(['one', Buffer.from([1, 2, 3])]);
    task.close({});
  });

  it('a wait for a message fails at once when the connection closes', async () => {
    const task = connectSocket({ url: `${server.url}/chat` });
    const connection = await server.nextConnection();
    const waiting = connection.nextMessage({ timeout: 5000 });
    task.close({ code: 4000, reason: 'bye' });
    await expect(waiting).rejects.toThrow(
      'expected a message on the connection to /chat, but it closed (4000 "bye") after no message at all'
    );
    expect(connection.closed).toEqual({ code: 4000, reason: 'bye' });
  });

  it('close(code, reason) reaches the client; drop() ends without a close frame', async () => {
    const one = connectSocket({ url: `${server.url}/x` });
    const first = await server.nextConnection();
    const closed = closedWith(one);
    expect(await first.close(4001, 'kicked')).toEqual({ code: 4001, reason: 'kicked' });
    expect(await closed).toEqual({ code: 4001, reason: 'kicked' });

    const two = connectSocket({ url: `${server.url}/y` });
    const second = await server.nextConnection();
    const dropped = closedWith(two);
    expect((await second.drop()).code).toBe(1006);
    expect((await dropped).code).toBe(1006);
    expect(() => second.send('late')).toThrow(
      'minisocket/testing: cannot send on the connection to /y: it is closed (1006); nothing was sent'
    );
  });

  it('waitForClose says the connection is still open and what it received', async () => {
    const task = connectSocket({ url: `${server.url}/open` });
    const connection = await server.nextConnection();
    task.send({ data: 'hi' });
    await connection.nextMessage();
    await expect(connection.waitForClose({ timeout: 30 })).rejects.toThrow(
      'expected the connection to /open to close within 30 ms, but it is still open (messages received: "hi")'
    );
    task.close({});
    expect(await connection.waitForClose()).toEqual({ code: 1000, reason: '' });
  });

  it('send refuses what is neither text nor bytes unless the server is JSON', async () => {
    connectSocket({ url: `${server.url}/z` });
    const connection = await server.nextConnection();
    expect(() => connection.send({ type: 'x' } as unknown as string)).toThrow(
      'minisocket/testing: send needs a string, an ArrayBuffer or a typed array, got object (for objects, use createTestServer({ json: true }))'
    );
  });
});

describe('the server', () => {
  it('nextMessage reads every connection, and a message is taken once, by the server or its connection', async () => {
    const a = connectSocket({ url: `${server.url}/a` });
    const first = await server.nextConnection();
    const b = connectSocket({ url: `${server.url}/b` });
    await server.nextConnection();
    a.send({ data: 'from a' });
    expect(await first.nextMessage()).toBe('from a');
    b.send({ data: 'from b' });
    expect(await server.nextMessage()).toBe('from b');
    await expect(server.nextMessage({ timeout: 30 })).rejects.toThrow(
      'expected the server to receive a message within 30 ms, got nothing (it received only earlier messages, all taken: "from a", "from b"; 2 connection(s) open)'
    );
    expect(server.messages).toEqual(['from a', 'from b']);
  });

  it('send() reaches every open client', async () => {
    const tasks = [connectSocket({ url: `${server.url}/one` }), connectSocket({ url: `${server.url}/two` })];
    await server.nextConnection();
    await server.nextConnection();
    const got = tasks.map((task) => received(task, 1));
    expect(server.send('to all')).toBe(2);
    expect(await Promise.all(got)).toEqual([['to all'], ['to all']]);
  });

  it('reset() drops every connection, empties the logs and fails pending waits', async () => {
    const task = connectSocket({ url: `${server.url}/r` });
    await server.nextConnection();
    const waiting = expect(server.nextMessage({ timeout: 5000 })).rejects.toThrow(
      'minisocket/testing: server.reset() ran while waiting for a message'
    );
    const closed = closedWith(task);
    await server.reset();
    await waiting;
    expect((await closed).code).toBe(1006);
    expect(server.handshakes).toEqual([]);
    expect(server.connections).toEqual([]);
    expect(server.messages).toEqual([]);
  });

  it('the default echo still serves connections nobody takes; a taken one stops echoing', async () => {
    const task = connectSocket({ url: `${server.url}/free` });
    const echoed = received(task, 1);
    task.onOpen(() => task.send({ data: 'ping' }));
    expect(await echoed).toEqual(['ping']);
    const connection = await server.nextConnection();
    task.send({ data: 'after' });
    expect(await connection.nextMessage()).toBe('ping');
    expect(await connection.nextMessage()).toBe('after');
    connection.send('only this');
    expect(await received(task, 1)).toEqual(['only this']);
  });

  it('onConnection: unsubscribing inside the handler leaves the echo off', async () => {
    const stop = server.onConnection((ws) => {
      stop();
      ws.send('scripted');
    });
    const ws = new WebSocket(`${server.url}/once`);
    const messages: string[] = [];
    ws.on('message', (data) => messages.push(String(data)));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send('not echoed');
    const connection = await server.nextConnection();
    expect(await connection.nextMessage()).toBe('not echoed');
    ws.close();
    await connection.waitForClose();
    expect(messages).toEqual(['scripted']);
  });

  it('close() fails pending waits and leaves nothing listening', async () => {
    const own = await createTestServer();
    const waiting = expect(own.nextConnection({ timeout: 5000 })).rejects.toThrow(
      'minisocket/testing: the server was closed while waiting for a connection'
    );
    await own.close();
    await waiting;
    const refused = new WebSocket(own.url);
    await expect(
      new Promise((resolve, reject) => {
        refused.on('open', resolve);
        refused.on('error', reject);
      })
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('JSON mode', () => {
  it('parses what arrives and serializes what it sends; text that is no JSON stays text', async () => {
    const json = await createTestServer<{ type: string }>({ json: true });
    try {
      const task = connectSocket({ url: `${json.url}/j` });
      const connection = await json.nextConnection();
      task.send({ data: JSON.stringify({ type: 'join' }) });
      task.send({ data: 'not json' });
      expect(await connection.nextMessage()).toEqual({ type: 'join' });
      expect(await connection.nextMessage()).toBe('not json');
      const got = received(task, 2);
      connection.send({ type: 'welcome' });
      json.send({ type: 'all' });
      expect(await got).toEqual(['{"type":"welcome"}', '{"type":"all"}']);
    } finally {
      await json.close();
    }
  });
});

describe('waits under fake timers', () => {
  it('still end on time: they use node:timers, not the faked globals', async () => {
    const { vi } = await import('vitest');
    vi.useFakeTimers();
    try {
      await expect(server.nextMessage({ timeout: 20 })).rejects.toThrow('within 20 ms');
    } finally {
      vi.useRealTimers();
    }
  });
});
