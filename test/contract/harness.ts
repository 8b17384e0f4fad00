/**
 * The contract harness: how a case is defined, what it receives (Ctx), and the small
 * helpers cases share. Runs in Node and in a browser page, so it imports no Node module,
 * no `ws`, no test framework, and nothing at runtime from the Node entry (the runner
 * passes `createSocketApi` in).
 */
import type { ConnectSocketOptions, SocketApi, ProfileName, SocketApiConfig, SocketError, SocketTask } from '../../src/index.js';
import type { ServerLog } from '../../src/testing/types.js';
import { EventRecorder, type EventName, type EventPayloads, type RecordedEvent } from '../support/recorder.js';
import { closeAll, trackTasks } from '../support/tracked-api.js';
import { delay, waitUntil, within } from '../support/wait.js';
import { AssertionError, show } from './assert.js';

export type { ServerLog } from '../../src/testing/types.js';

export interface Ctx {
  env: 'node' | 'browser';
  /** The profile the case runs under ('standard' unless a profile's test file runs the cases); `createSocketApi` defaults to it. */
  profile: ProfileName;
  /** Unique per case: tags every connection the case makes (`?id=`), so the server log can be read per case. */
  id: string;
  /** Every message sent to the API objects' warning channel during the case. */
  warnings: string[];
  /** A fresh API object (standard profile unless `config.profile` says otherwise) whose warnings go to `warnings`. */
  createSocketApi(config?: SocketApiConfig): SocketApi;
  /** The test server's URL for `path`, tagged with this case's id (or `id.tag` when a tag is given). */
  url(path: string, tag?: string): string;
  /** What the server saw for this case's id (or `id.tag`). */
  serverLog(tag?: string): Promise<ServerLog>;
  /** A ws:// URL on which nothing listens (Node runner only). */
  refusedUrl?: string;
}

export interface ContractCase {
  name: string;
  run(ctx: Ctx): Promise<void>;
  nodeOnly: boolean;
  /** Milliseconds the case may take; the runner fails it after that. */
  timeout: number;
}

export interface CaseOptions {
  nodeOnly?: boolean;
  timeout?: number;
}

export function defineCase(name: string, run: (ctx: Ctx) => Promise<void>, opts: CaseOptions = {}): ContractCase {
  return { name, run, nodeOnly: opts.nodeOnly === true, timeout: opts.timeout ?? 5000 };
}

/* ------------------------------------------------------------------ runner side */

export interface CtxSetup {
  env: 'node' | 'browser';
  /** Default 'standard'. */
  profile?: ProfileName;
  id: string;
  /** `ws://host:port` of the test server. */
  serverUrl: string;
  createSocketApi(config: SocketApiConfig): SocketApi;
  refusedUrl?: string;
}

export interface RunnableCtx extends Ctx {
  /** Every task the case's API objects created, so the runner can close what the case left open. */
  readonly tasks: SocketTask[];
}

function withId(url: string, id: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}id=${encodeURIComponent(id)}`;
}

export function makeCtx(setup: CtxSetup): RunnableCtx {
  const tasks: SocketTask[] = [];
  const warnings: string[] = [];
  const httpBase = setup.serverUrl.replace(/^ws/, 'http');
  const tagged = (tag?: string): string => (tag === undefined ? setup.id : `${setup.id}.${tag}`);
  const ctx: RunnableCtx = {
    env: setup.env,
    profile: setup.profile ?? 'standard',
    id: setup.id,
    warnings,
    tasks,
    createSocketApi(config = {}) {
      const api = setup.createSocketApi({ warn: (message: string) => warnings.push(message), profile: ctx.profile, ...config });
      // Same functions, but connectSocket remembers its tasks for cleanup.
      return trackTasks(api, tasks);
    },
    url: (path, tag) => withId(`${setup.serverUrl}${path.startsWith('/') ? '' : '/'}${path}`, tagged(tag)),
    async serverLog(tag) {
      const response = await fetch(`${httpBase}/__log?id=${encodeURIComponent(tagged(tag))}`);
      if (!response.ok) throw new Error(`GET /__log answered ${response.status}`);
      return (await response.json()) as ServerLog;
    }
  };
  if (setup.refusedUrl !== undefined) ctx.refusedUrl = setup.refusedUrl;
  return ctx;
}

/** Closes whatever the case left open and waits (briefly) for each task to end. */
export async function cleanup(ctx: RunnableCtx): Promise<void> {
  await closeAll(ctx.tasks);
}

/* ------------------------------------------------------------------ helpers */

export { delay, waitUntil, within };

/** Resolves with the payload of the task's next `name` event (no replay of earlier ones). */
export function waitFor<K extends 'open' | 'message' | 'error' | 'close'>(task: SocketTask, name: K, ms = 3000): Promise<EventPayloads[K]> {
  const next = new Promise<EventPayloads[K]>((resolve) => {
    const on = { open: task.onOpen, message: task.onMessage, error: task.onError, close: task.onClose }[name] as (
      fn: (r: EventPayloads[K]) => void
    ) => void;
    on.call(task, resolve);
  });
  return within(next, ms, `the task's ${name} event`);
}

/** Records every event of a task, in order, from the moment it is called (test/support/recorder.ts). */
export { EventRecorder as EventLog };
export type { EventName, EventPayloads, RecordedEvent };

export const events = (task: SocketTask): EventRecorder => new EventRecorder(task);

export type CallbackName = 'success' | 'fail' | 'complete';

export interface CallbackHandlers<T = unknown> {
  success: (result: T) => void;
  fail: (result: SocketError) => void;
  complete: (result: T | SocketError) => void;
}

/** success/fail/complete that record their calls in order, to pass into any API call. */
export class Outcome<T = unknown> {
  readonly calls: Array<[CallbackName, T | SocketError]> = [];
  readonly success = (result: T): void => void this.calls.push(['success', result]);
  readonly fail = (result: SocketError): void => void this.calls.push(['fail', result]);
  readonly complete = (result: T | SocketError): void => void this.calls.push(['complete', result]);
  get handlers(): CallbackHandlers<T> {
    return { success: this.success, fail: this.fail, complete: this.complete };
  }
  names(): CallbackName[] {
    return this.calls.map(([name]) => name);
  }
  /** Waits for `complete`, then resolves with the result `success` or `fail` got. */
  async settled(ms = 3000): Promise<T | SocketError> {
    await waitUntil(() => this.names().includes('complete'), `complete (calls so far: ${show(this.names())})`, ms);
    const first = this.calls[0];
    if (first === undefined) throw new AssertionError('no callback ran');
    return first[1];
  }
}

export const outcome = <T = unknown>(): Outcome<T> => new Outcome<T>();

/** `api.connectSocket` with an input the types forbid (validation cases). */
export function connectRaw(api: SocketApi, options: unknown): SocketTask {
  return api.connectSocket(options as ConnectSocketOptions);
}

/** Connects to `path` and resolves once open; fails with the task's events if it ends first. */
export async function openTask(
  ctx: Ctx,
  api: SocketApi,
  path = '/echo',
  extra: Partial<ConnectSocketOptions> = {},
  tag?: string
): Promise<{ task: SocketTask; log: EventRecorder }> {
  const task = api.connectSocket({ url: ctx.url(path, tag), ...extra });
  const log = events(task);
  await waitUntil(() => log.list.length > 0, `open of ${path}`, 3000);
  if (log.list[0]?.[0] !== 'open') throw new AssertionError(`expected open first on ${path}, got ${show(log.list)}`);
  return { task, log };
}

/** Sends `data` and resolves with the next message (the echo). */
export async function roundTrip(task: SocketTask, data: string | ArrayBuffer | ArrayBufferView): Promise<string | ArrayBuffer> {
  const reply = waitFor(task, 'message');
  task.send({ data });
  return (await reply).data;
}

/** Polls the server log until `check` holds (the server notes a close frame a moment after the client sees the reply). */
export async function serverLogUntil(
  ctx: Ctx,
  check: (log: ServerLog) => boolean,
  what: string,
  tag?: string,
  ms = 3000
): Promise<ServerLog> {
  const end = Date.now() + ms;
  for (;;) {
    const log = await ctx.serverLog(tag);
    if (check(log)) return log;
    if (Date.now() > end) throw new AssertionError(`timed out waiting for the server to see ${what}; log: ${show(log)}`);
    await delay(20);
  }
}

export function hex(bytes: ArrayBuffer | ArrayBufferView): string {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The close frame the server received on this case's first connection (or the tagged one's). */
export async function serverClosed(ctx: Ctx, tag?: string): Promise<{ code: number; reason: string } | undefined> {
  const log = await serverLogUntil(ctx, (seen) => seen.connections[0]?.closed !== undefined, 'the connection end', tag);
  return log.connections[0]?.closed;
}
