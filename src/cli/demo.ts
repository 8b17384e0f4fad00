/**
 * `minisocket demo`: the seeds' flow (connect, onOpen, send text and binary, onMessage,
 * close with a code and reason, onClose), then a refused handshake, against the
 * embedded server. Each step is checked, so the demo doubles as a smoke test of an install.
 */
import { parseArgs } from 'node:util';
import {
  createSocketApi,
  type ConnectSocketOptions,
  type OnSocketCloseResult,
  type OnSocketMessageResult,
  type OnSocketOpenResult,
  type SocketError,
  type SocketTask
} from '../index.js';
import { createTestServer, type TestServer } from '../testing/index.js';
import { parseOrExplain, profileName } from './connect-args.js';
import { describeTiming } from './events.js';
import type { Io } from './io.js';
import { Printer, toHex, wantsColour } from './output.js';
import { DEMO_USAGE, UsageError } from './usage.js';

/** No step of the demo takes more than a few milliseconds; this only stops a broken one from hanging. */
const STEP_LIMIT_MS = 5000;

type Connect = (options: ConnectSocketOptions) => SocketTask | Promise<unknown>;

/** Every event of one task, in order, awaited one at a time. */
class Events {
  private readonly seen: Array<{ kind: string; value: unknown }> = [];
  private waiter: (() => void) | undefined;

  constructor(task: SocketTask) {
    task.onOpen((value) => this.push('open', value));
    task.onMessage((value) => this.push('message', value));
    task.onError((value) => this.push('error', value));
    task.onClose((value) => this.push('close', value));
  }

  private push(kind: string, value: unknown): void {
    this.seen.push({ kind, value });
    this.waiter?.();
  }

  async next<T>(kind: string): Promise<T> {
    const deadline = Date.now() + STEP_LIMIT_MS;
    while (this.seen.length === 0) {
      if (Date.now() >= deadline) throw new Error(`no ${kind} event within ${STEP_LIMIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const event = this.seen.shift()!;
    if (event.kind !== kind) throw new Error(`expected ${kind}, got ${event.kind} ${JSON.stringify(event.value)}`);
    return event.value as T;
  }
}

/** Calls `run` with success/fail and resolves with what success got, or throws what fail got. */
function call<T>(run: (callbacks: { success: (result: T) => void; fail: (error: SocketError) => void }) => void): Promise<T> {
  return new Promise((resolve, reject) => run({ success: resolve, fail: (error) => reject(new Error(error.errMsg)) }));
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

export async function runDemo(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOrExplain('demo', () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
    })
  );
  if (values.help) {
    io.stdout.write(DEMO_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`demo takes no arguments, got ${JSON.stringify(positionals[0])}`, 'demo');
  const profile = profileName(values.profile, 'demo');
  const printer = new Printer({ json: false, colour: wantsColour(io.stdout, io.env), out: io.stdout, err: io.stderr });
  const step = (n: number, text: string): void => printer.note(`\n${printer.paint('info', `${n}. ${text}`)}`);
  const show = (label: string, text: string): void => printer.note(`   ${printer.paint('dim', label.padEnd(11))}${text}`);

  printer.note(`minisocket demo: the mini-program WebSocket API on Node.js (profile ${profile})`);
  const server: TestServer = await createTestServer();
  try {
    const api = createSocketApi({ profile, warn: (message) => show('warning', message) }) as unknown as { connectSocket: Connect };

    step(1, 'an embedded test server (minisocket/testing)');
    show('url', server.url);

    const url = server.urlFor('/echo');
    step(2, `connectSocket({ url: '${url}', header: { 'X-Demo': 'minisocket' } })`);
    let created: unknown;
    const task = (await Promise.resolve(
      api.connectSocket({ url, header: { 'X-Demo': 'minisocket' }, success: (result) => (created = result) })
    )) as SocketTask;
    const events = new Events(task);
    show('success', JSON.stringify(created));

    step(3, 'task.onOpen(({ header, profile }) => ...)');
    const open = await events.next<OnSocketOpenResult>('open');
    for (const [name, value] of Object.entries(open.header)) show('header', `${name}: ${value}`);
    if (open.profile) show('timing', describeTiming(open.profile));
    check(server.handshakes.at(-1)?.headers['x-demo'] === 'minisocket', 'the server did not receive the X-Demo header');
    show('server', `received X-Demo: ${server.handshakes.at(-1)?.headers['x-demo']}`);

    step(4, "task.send({ data: 'hello' }), then task.onMessage");
    const sent = await call<{ errMsg: string }>((callbacks) => task.send({ data: 'hello', ...callbacks }));
    show('success', JSON.stringify(sent));
    const text = await events.next<OnSocketMessageResult>('message');
    check(text.data === 'hello', `echo was ${JSON.stringify(text.data)}`);
    show('message', `${JSON.stringify(text.data)} (a string)`);

    step(5, 'task.send({ data: new Uint8Array([1, 2, 3, 255]).buffer }), then task.onMessage');
    await call((callbacks) => task.send({ data: new Uint8Array([1, 2, 3, 255]).buffer, ...callbacks }));
    const binary = await events.next<OnSocketMessageResult>('message');
    check(binary.data instanceof ArrayBuffer && toHex(binary.data) === '010203ff', 'binary echo differs');
    show('message', `ArrayBuffer(${(binary.data as ArrayBuffer).byteLength}) ${toHex(binary.data as ArrayBuffer)}`);

    step(6, "task.close({ code: 4000, reason: 'demo finished' }), then task.onClose");
    const closing = await call<{ errMsg: string }>((callbacks) => task.close({ code: 4000, reason: 'demo finished', ...callbacks }));
    show('success', JSON.stringify(closing));
    const closed = await events.next<OnSocketCloseResult>('close');
    check(closed.code === 4000 && closed.reason === 'demo finished', `close was ${JSON.stringify(closed)}`);
    show('close', JSON.stringify(closed));
    show('readyState', `${task.readyState} (CLOSED)`);

    const refused = server.urlFor('/status/503');
    step(7, `a handshake the server refuses: connectSocket({ url: '${refused}' })`);
    const failing = (await Promise.resolve(api.connectSocket({ url: refused, success: () => undefined }))) as SocketTask;
    const failEvents = new Events(failing);
    const error = await failEvents.next<SocketError>('error');
    show('error', JSON.stringify({ errMsg: error.errMsg, errCode: error.errCode }));
    const end = await failEvents.next<OnSocketCloseResult>('close');
    check(end.code === 1006, `close was ${JSON.stringify(end)}`);
    show('close', JSON.stringify(end));

    printer.note(
      `\n${printer.paint('info', 'done:')} every step behaved as the API promises. Next: minisocket serve, then minisocket connect <url>.`
    );
    return 0;
  } catch (error) {
    printer.problem(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await server.close();
  }
}
