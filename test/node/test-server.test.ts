/**
 * The test server proven on its own, with raw `ws` clients: every scenario does on the
 * wire what its name says, so contract-case failures point at the core, not the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { waitUntil } from '../support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

interface Outcome {
  opened: boolean;
  messages: Array<{ data: Buffer; isBinary: boolean }>;
  errors: string[];
  close: { code: number; reason: string };
  protocol: string;
}

/** Dials `path`, runs `onOpen`, and resolves once the client has closed. */
function dial(
  path: string,
  opts: { protocols?: string[]; headers?: Record<string, string>; maxPayload?: number } = {},
  onOpen?: (ws: WebSocket) => void
): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(server.urlFor(path), opts.protocols ?? [], { headers: opts.headers, maxPayload: opts.maxPayload });
    const out: Outcome = { opened: false, messages: [], errors: [], close: { code: 0, reason: '' }, protocol: '' };
    ws.on('open', () => {
      out.opened = true;
      out.protocol = ws.protocol;
      onOpen?.(ws);
    });
    ws.on('message', (data, isBinary) => out.messages.push({ data: data as Buffer, isBinary }));
    ws.on('error', (error) => out.errors.push(error.message));
    ws.on('close', (code, reason) => {
      out.close = { code, reason: reason.toString() };
      resolve(out);
    });
  });
}

describe('test server scenarios (raw ws client)', () => {
  it('exposes url, port, urlFor', () => {
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
    expect(server.urlFor('echo')).toBe(`${server.url}/echo`);
    expect(server.urlFor('/echo')).toBe(`${server.url}/echo`);
  });

  it('/echo echoes text as text and binary as binary, and logs both', async () => {
    const out = await dial('/echo?id=echo1', {}, (ws) => {
      ws.send('héllo');
      ws.send(Buffer.from([1, 2, 255]));
      ws.close(4000, 'bye');
    });
    expect(out.messages.map((m) => [m.isBinary, m.data.toString('hex')])).toEqual([
      [false, Buffer.from('héllo').toString('hex')],
      [true, '0102ff']
    ]);
    const log = server.log('echo1');
    expect(log.handshakes).toHaveLength(1);
    expect(log.handshakes[0]).toMatchObject({ path: '/echo', url: '/echo?id=echo1', method: 'GET', id: 'echo1' });
    await waitUntil(() => log.connections[0]?.closed !== undefined);
    expect(log.connections[0]).toMatchObject({
      id: 'echo1',
      path: '/echo',
      messages: [
        { type: 'text', data: 'héllo', size: 6 },
        { type: 'binary', data: '0102ff', size: 3 }
      ],
      closed: { code: 4000, reason: 'bye' }
    });
  });

  it('unknown paths echo too', async () => {
    const out = await dial('/whatever/x', {}, (ws) => {
      ws.send('x');
      ws.once('message', () => ws.close());
    });
    expect(out.messages.map((m) => m.data.toString())).toEqual(['x']);
  });

  it('records headers (lower-cased) and offered protocols; picks the first offered', async () => {
    const out = await dial('/echo?id=hdr', { protocols: ['a', 'b'], headers: { 'X-Custom': 'v1' } }, (ws) => ws.close());
    expect(out.protocol).toBe('a');
    const [handshake] = server.log('hdr').handshakes;
    expect(handshake?.headers['x-custom']).toBe('v1');
    expect(handshake?.protocols).toEqual(['a', 'b']);
    expect(server.log('hdr').connections[0]?.protocol).toBe('a');
  });

  it('/close/<code>/<reason> closes with that code and decoded reason', async () => {
    const out = await dial('/close/4001/logged%20out');
    expect(out).toMatchObject({ opened: true, close: { code: 4001, reason: 'logged out' }, errors: [] });
  });

  it('/close/<code> without reason, and /close/none without status code', async () => {
    expect((await dial('/close/1000')).close).toEqual({ code: 1000, reason: '' });
    expect((await dial('/close/none')).close).toEqual({ code: 1005, reason: '' });
  });

  it('/close/<code> with a code ws refuses is written raw (the client sees a protocol error)', async () => {
    const out = await dial('/close/1005');
    expect(out.opened).toBe(true);
    expect(out.errors.join()).toMatch(/invalid status code 1005/i);
  });

  it('/drop and /drop-after/<ms> end TCP without a close frame', async () => {
    const out = await dial('/drop?id=drop1');
    expect(out).toMatchObject({ opened: true, close: { code: 1006, reason: '' }, errors: [] });
    const started = Date.now();
    const later = await dial('/drop-after/150');
    expect(later.close.code).toBe(1006);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await waitUntil(() => server.log('drop1').connections[0]?.closed !== undefined);
    expect(server.log('drop1').connections[0]?.closed?.code).toBe(1006);
  });

  it('/status/<n> answers the upgrade with that HTTP status', async () => {
    for (const status of [401, 500]) {
      const out = await dial(`/status/${status}?id=st${status}`);
      expect(out.opened).toBe(false);
      expect(out.errors.join()).toContain(`Unexpected server response: ${status}`);
      expect(server.log(`st${status}`).handshakes).toHaveLength(1);
      expect(server.log(`st${status}`).connections).toHaveLength(0);
    }
  });

  it('/hang never answers the handshake', async () => {
    const ws = new WebSocket(server.urlFor('/hang?id=hang1'), { handshakeTimeout: 300 });
    const result = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', (error) => resolve(error.message));
    });
    expect(result).toMatch(/timed out/i);
    expect(server.log('hang1').handshakes).toHaveLength(1);
  });

  it('/protocol/none selects nothing; /protocol/<name> selects name even if not offered', async () => {
    const none = await dial('/protocol/none', { protocols: ['chat'] });
    expect(none.opened).toBe(false);
    expect(none.errors.join()).toMatch(/no subprotocol/i);
    const other = await dial('/protocol/other', { protocols: ['chat'] });
    expect(other.errors.join()).toMatch(/invalid subprotocol/i);
    const unasked = await dial('/protocol/other');
    expect(unasked.errors.join()).toMatch(/none was requested/i);
    const agreed = await dial('/protocol/chat', { protocols: ['x', 'chat'] }, (ws) => ws.close());
    expect(agreed.protocol).toBe('chat');
  });

  it('/headers sends the request headers as JSON', async () => {
    const out = await dial('/headers', { headers: { 'X-Test': '1' } }, (ws) => ws.once('message', () => ws.close()));
    const seen = JSON.parse(out.messages[0]?.data.toString() ?? '{}') as Record<string, string>;
    expect(seen['x-test']).toBe('1');
    expect(seen.upgrade).toBe('websocket');
  });

  it('/bad-utf8 makes the client fail with 1007; the server logs it', async () => {
    const out = await dial('/bad-utf8?id=utf');
    expect(out.errors.join()).toMatch(/invalid utf-8/i);
    expect(out.close.code).toBe(1006);
    await waitUntil(() => server.log('utf').connections[0]?.closed !== undefined);
    expect(server.log('utf').connections[0]?.closed?.code).toBe(1007);
  });

  it('/bad-frame makes the client fail with 1002', async () => {
    const out = await dial('/bad-frame?id=frame');
    expect(out.errors.join()).toMatch(/invalid opcode 3/i);
    await waitUntil(() => server.log('frame').connections[0]?.closed !== undefined);
    expect(server.log('frame').connections[0]?.closed?.code).toBe(1002);
  });

  it('/send-binary/<n> and /send-text/<n>', async () => {
    const bin = await dial('/send-binary/300', {}, (ws) => ws.once('message', () => ws.close()));
    const bytes = bin.messages[0]?.data;
    expect(bin.messages[0]?.isBinary).toBe(true);
    expect(bytes?.length).toBe(300);
    expect([bytes?.[0], bytes?.[255], bytes?.[256], bytes?.[299]]).toEqual([0, 255, 0, 43]);
    const text = await dial('/send-text/5', {}, (ws) => ws.once('message', () => ws.close()));
    expect(text.messages[0]).toMatchObject({ isBinary: false });
    expect(text.messages[0]?.data.toString()).toBe('aaaaa');
  });

  it('/stop-reading stops the server reading, so the client buffer does not drain', async () => {
    let buffered = 0;
    const out = await dial('/stop-reading', {}, (ws) => {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < 32; i++) ws.send(chunk);
      // A reading server drains 32 MiB over loopback in well under this.
      setTimeout(() => {
        buffered = ws.bufferedAmount;
        ws.terminate();
      }, 300);
    });
    expect(buffered).toBeGreaterThan(4 * 1024 * 1024);
    expect(out.close.code).toBe(1006);
  });

  it('/stop-reading/<ms> then drops the connection', async () => {
    const started = Date.now();
    const out = await dial('/stop-reading/150', {}, (ws) => ws.send(Buffer.alloc(1024)));
    expect(out).toMatchObject({ opened: true, close: { code: 1006, reason: '' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('/no-close-reply never answers the client close frame', async () => {
    let closedAt = 0;
    const ws = new WebSocket(server.urlFor('/no-close-reply?id=ncr'));
    await new Promise((r) => ws.once('open', r));
    ws.close(4003, 'x');
    const timer = setTimeout(() => ws.terminate(), 300);
    await new Promise((r) => ws.once('close', r));
    closedAt = Date.now();
    clearTimeout(timer);
    expect(closedAt).toBeGreaterThan(0);
    // The close only happened because we terminated: the server never replied.
    await waitUntil(() => server.log('ncr').connections[0]?.closed !== undefined);
    expect(server.log('ncr').connections[0]?.closed).toEqual({ code: 4003, reason: 'x' });
  });

  it('onConnection scripts unknown paths (no echo) and is removable', async () => {
    const off = server.onConnection((ws) => ws.send('scripted'));
    const out = await dial('/custom', {}, (ws) => {
      ws.send('ping');
      setTimeout(() => ws.close(), 100);
    });
    off();
    expect(out.messages.map((m) => m.data.toString())).toEqual(['scripted']);
  });

  it('GET /__log?id= returns the filtered log (CORS to its own origin only); other paths 404', async () => {
    await dial('/echo?id=logged', {}, (ws) => ws.close());
    const own = `http://127.0.0.1:${server.port}`;
    const response = await fetch(`${own}/__log?id=logged`, { headers: { Origin: own } });
    expect(response.headers.get('access-control-allow-origin')).toBe(own);
    const body = (await response.json()) as { handshakes: unknown[]; connections: unknown[] };
    expect(body.handshakes).toHaveLength(1);
    expect(body.connections).toHaveLength(1);
    const missing = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(missing.status).toBe(404);
    await missing.text(); // an unread body keeps the client socket open
  });

  it('close() terminates clients and pending sockets and leaves no handles', async () => {
    // Sockets, servers and timers only: the test runner's own pipes come and go.
    const handles = (): string[] =>
      process
        .getActiveResourcesInfo()
        .filter((name) => /^(TCP|Timeout)/.test(name))
        .sort();
    await new Promise((r) => setTimeout(r, 50));
    const before = handles();
    const own = await createTestServer();
    const open = new WebSocket(own.urlFor('/echo'));
    await new Promise((r) => open.once('open', r));
    const hung = connect(own.port, '127.0.0.1');
    hung.on('error', () => undefined);
    await new Promise((r) => hung.once('connect', r));
    hung.write(
      `GET /hang HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`
    );
    await waitUntil(() => own.handshakes.length === 1);
    const closedOpen = new Promise((r) => open.once('close', r));
    const closedHung = new Promise((r) => hung.once('close', r));
    await own.close();
    await Promise.all([closedOpen, closedHung]);
    // Nothing of `own` survives: at most what earlier tests still had open. Handles go at the
    // next turns of the event loop, later on a loaded machine, so wait (boundedly) for that.
    const within = (): boolean => {
      const now = handles();
      return [...new Set(now)].every((name) => now.filter((n) => n === name).length <= before.filter((n) => n === name).length);
    };
    for (let i = 0; i < 100 && !within(); i++) await new Promise((r) => setTimeout(r, 20));
    const after = handles();
    for (const name of new Set(after)) {
      expect(after.filter((n) => n === name).length, name).toBeLessThanOrEqual(before.filter((n) => n === name).length);
    }
  });
});
