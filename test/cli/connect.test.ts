/**
 * `minisocket connect` driven as a child process against `minisocket serve` (also a
 * child process): scripted sessions, --json parsed line by line, and the exit status of
 * each way a connection can end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait.js';
import { Child, ensureBuilt, run, startServe, type Finished } from './helpers.js';

let url: string;
let serve: Child;
let stopServe: () => Promise<Finished>;

beforeAll(async () => {
  ensureBuilt();
  ({ url, child: serve, stop: stopServe } = await startServe());
});

afterAll(async () => {
  const finished = await stopServe();
  // serve stops cleanly on SIGTERM.
  expect(finished.status).toBe(0);
});

describe('minisocket connect: a scripted session against minisocket serve', () => {
  it('sends text and binary, receives the echoes, closes with a code; --json is one event per line', async () => {
    const child = new Child(['connect', `${url}/echo?id=scripted`, '--json']);
    await child.event({ event: 'open' });
    child.write('hello\n');
    await child.event({ event: 'message', type: 'text', data: 'hello' });
    child.write('/binary 01 ff 7f\n');
    await child.event({ event: 'message', type: 'binary', data: '01ff7f' });
    child.write('//not a command\n');
    await child.event({ event: 'message', data: '/not a command' });
    child.write('/close 4001 bye now\n');
    const finished = await child.done();

    expect(finished.status).toBe(0);
    expect(finished.stderr).toBe('');
    const events = child.events();
    expect(events.map((e) => e.event)).toEqual([
      'connect',
      'open',
      'send',
      'message',
      'send',
      'message',
      'send',
      'message',
      'closing',
      'close'
    ]);
    expect(events[0]).toEqual({ event: 'connect', errMsg: 'connectSocket:ok', socketTaskId: 1 });
    const open = events[1] as { header: Record<string, string>; profile: Record<string, number> };
    expect(open.header.upgrade).toBe('websocket');
    expect(open.profile.cost).toBeGreaterThanOrEqual(0);
    expect(events[4]).toEqual({ event: 'send', type: 'binary', data: '01ff7f', size: 3 });
    expect(events[5]).toEqual({ event: 'message', type: 'binary', data: '01ff7f', size: 3 });
    expect(events[8]).toEqual({ event: 'closing', errMsg: 'closeSocket:ok', code: 4001, reason: 'bye now' });
    expect(events[9]).toEqual({ event: 'close', code: 4001, reason: 'bye now' });

    // The server side saw the same session (serve --json prints what it receives).
    await serve.event({ event: 'close', code: 4001, reason: 'bye now' });
    const served = serve.events().filter((e) => e.event === 'message' && typeof e.id === 'number');
    expect(served.some((e) => e.data === 'hello')).toBe(true);
    expect(served.some((e) => e.data === '01ff7f' && e.type === 'binary')).toBe(true);
  });

  it('at the end of input closes with 1000 and exits 0 once onClose fired', async () => {
    const finished = await run([`${url}/echo`, '--json'], 'one\ntwo\n');
    expect(finished.status).toBe(0);
    const events = finished.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'message').map((e) => e.data)).toEqual(['one', 'two']);
    // The close starts once both sends were written; the second echo may arrive after it.
    expect(events.find((e) => e.event === 'closing')).toEqual({ event: 'closing', errMsg: 'closeSocket:ok', code: 1000, reason: '' });
    expect(events.at(-1)).toEqual({ event: 'close', code: 1000, reason: '' });
  });

  it('a piped file of 3,000 lines is sent in order and every echo arrives before the close', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(i % 200)}`);
    const finished = await run([`${url}/echo`, '--json'], `${lines.join('\n')}\n`);
    expect(finished.status).toBe(0);
    const events = finished.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'message').map((e) => e.data)).toEqual(lines);
    expect(events.at(-1)).toEqual({ event: 'close', code: 1000, reason: '' });
  });

  it('human output: markers in order, no colour codes when stdout is not a terminal', async () => {
    const finished = await run(['connect', `${url}/echo`], 'hi there\n/binary 0102\n');
    expect(finished.status).toBe(0);
    const lines = finished.stdout.split('\n');
    expect(lines[0]).toBe(`connecting to ${url}/echo (profile standard)`);
    // connectSocket:ok is not "connected": the line says connecting until onOpen's line.
    expect(lines[1]).toBe('* connecting (connectSocket:ok, socketTaskId 1)');
    expect(lines[2]).toBe('* open socketTaskId 1');
    expect(lines).toContain('* open socketTaskId 1');
    expect(lines).toContain('> hi there');
    expect(lines).toContain('< hi there');
    expect(lines).toContain('< binary 2 bytes: 0102');
    expect(lines).toContain('* close 1000');
    expect(lines.some((line) => line.startsWith('    timing: dns '))).toBe(true);
    expect(finished.stdout).not.toContain('\u001b[');
  });

  it('sends headers and offers protocols; the open event shows the agreed one', async () => {
    const child = new Child(['connect', `${url}/headers`, '-H', 'X-Token: abc', '-H', 'X-Token: def', '-p', 'chat,superchat', '--json']);
    const open = (await child.event({ event: 'open' })) as { header: Record<string, string> };
    expect(open.header['sec-websocket-protocol']).toBe('chat');
    const message = await child.event({ event: 'message' });
    const seen = JSON.parse(message.data as string) as Record<string, string>;
    expect(seen['x-token']).toBe('abc, def');
    expect(seen['sec-websocket-protocol']).toBe('chat,superchat');
    child.end();
    expect((await child.done()).status).toBe(0);
  });

  it('/ping sends a ping frame and prints the pong', async () => {
    const child = new Child([`${url}/echo`, '--json']);
    await child.event({ event: 'open' });
    child.write('/ping\n');
    await child.event({ event: 'pong' });
    child.end();
    const finished = await child.done();
    expect(finished.status).toBe(0);
    expect(child.events().map((e) => e.event)).toContain('ping');
  });

  it('/help and an unknown /command answer on the spot without touching the connection', async () => {
    const child = new Child([`${url}/echo`]);
    await child.line((line) => line.startsWith('* open'));
    child.write('/frobnicate\n/help\nstill here\n');
    await child.line((line) => line === '< still here');
    child.end();
    const finished = await child.done();
    expect(finished.status).toBe(0);
    expect(finished.stderr).toContain('minisocket: unknown command /frobnicate');
    expect(finished.stdout).toContain('/binary <hex>');
  });

  it('a close() the API refuses is reported with its errMsg and the session goes on', async () => {
    const child = new Child([`${url}/echo`, '--json']);
    await child.event({ event: 'open' });
    child.write('/close 999\n');
    const fail = await child.event({ event: 'fail' });
    expect(fail).toEqual({
      event: 'fail',
      api: 'closeSocket',
      errMsg: 'closeSocket:fail invalid code 999: must be 1000 or between 3000 and 4999',
      errCode: 610008
    });
    child.write('after\n');
    await child.event({ event: 'message', data: 'after' });
    child.end();
    expect((await child.done()).status).toBe(0);
  });

  it('SIGINT closes with 1000 and exits 0', async () => {
    const child = new Child([`${url}/echo`, '--json']);
    await child.event({ event: 'open' });
    child.proc.kill('SIGINT');
    const finished = await child.done();
    expect(finished.status).toBe(0);
    expect(child.events().at(-1)).toEqual({ event: 'close', code: 1000, reason: '' });
  });

  it('/broadcast relays between two connected clients', async () => {
    const a = new Child([`${url}/broadcast/test-room`, '--json']);
    const b = new Child([`${url}/broadcast/test-room`, '--json']);
    await Promise.all([a.event({ event: 'open' }), b.event({ event: 'open' })]);
    // Both are in the room once the server has reported both connections.
    const joined = (): number => serve.events().filter((e) => e.event === 'connection' && e.path === '/broadcast/test-room').length;
    await waitUntil(() => joined() === 2, 'both clients joined', 15_000);
    a.write('to everyone\n');
    await b.event({ event: 'message', data: 'to everyone' });
    a.end();
    b.end();
    const [fa, fb] = await Promise.all([a.done(), b.done()]);
    expect([fa.status, fb.status]).toEqual([0, 0]);
    // The sender is not echoed.
    expect(a.events().filter((e) => e.event === 'message')).toEqual([]);
  });

  it('/slow/<ms> answers the handshake late and echoes late, and the session still completes', async () => {
    const finished = await run([`${url}/slow/100`, '--json', '--wait', '1000'], 'late\n');
    expect(finished.status).toBe(0);
    expect(finished.stdout).toContain('{"event":"message","type":"text","data":"late"}');
  });
});

describe('minisocket connect: exit status says how the connection ended', () => {
  it('3 when the handshake fails: an HTTP status other than 101', async () => {
    const finished = await run([`${url}/status/503`, '--json']);
    expect(finished.status).toBe(3);
    const events = finished.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.slice(1)).toEqual([
      { event: 'error', errMsg: 'connectSocket:fail unexpected response status 503', errCode: 610024 },
      { event: 'close', code: 1006, reason: '' }
    ]);
  });

  it('3 when the handshake times out (--timeout)', async () => {
    const finished = await run([`${url}/hang`, '--timeout', '200', '--json']);
    expect(finished.status).toBe(3);
    expect(finished.stdout).toContain('{"event":"error","errMsg":"connectSocket:fail timeout","errCode":610020}');
  });

  it('3 when nothing listens', async () => {
    const finished = await run(['ws://127.0.0.1:1/', '--json']);
    expect(finished.status).toBe(3);
    expect(finished.stdout).toContain('"errCode":610021');
  });

  it('4 when the connection drops without a close frame (1006)', async () => {
    const child = new Child([`${url}/drop`, '--json']);
    const finished = await child.done(); // stdin left open: the drop, not the end of input, ends it
    expect(finished.status).toBe(4);
    expect(child.events().at(-1)).toEqual({ event: 'close', code: 1006, reason: '' });
  });

  it('4 when the server breaks the protocol (error, then close)', async () => {
    const child = new Child([`${url}/bad-frame`, '--json']);
    const finished = await child.done();
    expect(finished.status).toBe(4);
    expect(child.events().map((e) => e.event)).toEqual(['connect', 'open', 'error', 'close']);
  });

  it('5 when the server closes with a code other than 1000; 0 when with 1000', async () => {
    const peer = new Child([`${url}/close/4001/go%20away`, '--json']);
    expect((await peer.done()).status).toBe(5);
    expect(peer.events().at(-1)).toEqual({ event: 'close', code: 4001, reason: 'go away' });

    const normal = new Child([`${url}/close/1000`, '--json']);
    expect((await normal.done()).status).toBe(0);
  });

  it('2 when connectSocket refuses the URL, with the API errMsg (fail, then onError, no onClose)', async () => {
    const finished = await run(['connect', 'http://example.com/', '--json']);
    expect(finished.status).toBe(2);
    const events = finished.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toEqual([
      { event: 'fail', api: 'connectSocket', errMsg: 'connectSocket:fail invalid url "http://example.com/"', errCode: 600009 },
      { event: 'error', errMsg: 'connectSocket:fail invalid url "http://example.com/"', errCode: 600009 }
    ]);
  });

  it('2 when connectSocket refuses a header name', async () => {
    const finished = await run(['connect', `${url}/echo`, '-H', 'Bad Name: x']);
    expect(finished.status).toBe(2);
    expect(finished.stdout).toContain('! fail connectSocket:fail invalid header');
  });
});
