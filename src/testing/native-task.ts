/**
 * The stand-in's SocketTask: a real `ws` connection (so it talks to real loopback
 * servers) dressed as a platform runtime's task, with the quirks of native-quirks.ts.
 */
import { WebSocket, type RawData } from 'ws';
import type { NativeQuirks } from './native-quirks.js';

type Listener = (result?: unknown) => void;
type EventName = 'open' | 'message' | 'error' | 'close';
export type NativeOptions = Record<string, unknown>;

/**
 * A runtime's result object for `<api>:ok`, or `<api>:fail <reason>` when a reason is given:
 * `{ errMsg }`, plus errCode on uni-app x, or Alipay's `{ error, errorMessage }`.
 */
export function result(quirks: NativeQuirks, api: string, reason?: string, errCode = 602001, alipayError = 1): Record<string, unknown> {
  if (reason === undefined) return { errMsg: `${api}:ok` };
  if (quirks.alipayResults) return { error: alipayError, errorMessage: reason };
  const errMsg = `${api}:fail ${reason}`;
  return quirks.noErrCode ? { errMsg } : { errMsg, errCode };
}

/** Calls success/fail then complete, inside the call (syncEvents, or `now` from an I/O callback) or in a later task. */
export function settle(quirks: NativeQuirks, options: NativeOptions | undefined, ok: boolean, payload: unknown, now = false): void {
  const run = (): void => {
    for (const name of [ok ? 'success' : 'fail', 'complete']) {
      const callback = options?.[name];
      if (typeof callback === 'function') callback(payload);
    }
  };
  if (quirks.syncEvents || now) run();
  else setTimeout(run, 0);
}

const text = (data: RawData): string => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');

export class StandInTask {
  readonly #quirks: NativeQuirks;
  readonly #ws: WebSocket;
  readonly #listeners: Record<EventName, Listener[]> = { open: [], message: [], error: [], close: [] };
  #header: Record<string, string> = {};
  #closed = false;
  #aborted: { code: number; reason: string } | undefined;
  #asked: { code: number; reason: string } | undefined;
  #stashedError: unknown;
  #errored = false;
  /** Taro H5 documents the browser WebSocket as `task.ws`; the stand-in shows its own ws there for the taro-h5 runtime. */
  readonly ws: WebSocket | undefined;

  constructor(url: string, options: NativeOptions, quirks: NativeQuirks, released: () => void, exposeWs: boolean) {
    this.#quirks = quirks;
    const protocols = Array.isArray(options.protocols) && options.protocols.length > 0 ? (options.protocols as string[]) : undefined;
    const header =
      !quirks.noHeaders && typeof options.header === 'object' && options.header !== null
        ? (options.header as Record<string, string>)
        : undefined;
    // WeChat's connect timeout: 60 s by default and at most (wx seed tip 1).
    const timeout = typeof options.timeout === 'number' ? Math.min(options.timeout, 60_000) : 60_000;
    this.#ws = new WebSocket(url, protocols, {
      headers: header,
      perMessageDeflate: options.perMessageDeflate === true,
      handshakeTimeout: timeout
    });
    this.#ws.binaryType = 'arraybuffer';
    if (exposeWs) this.ws = this.#ws;
    this.#ws.on('upgrade', (response) => {
      for (const [name, value] of Object.entries(response.headers))
        this.#header[name] = Array.isArray(value) ? value.join(', ') : String(value);
    });
    this.#ws.on('open', () => this.#emit('open', quirks.noHeaders ? { type: 'open' } : { header: this.#header }));
    this.#ws.on('message', (data, isBinary) => {
      if (!isBinary) return this.#emit('message', { data: text(data) });
      const bytes = data as ArrayBuffer;
      this.#emit('message', { data: quirks.blob ? new Blob([bytes]) : bytes });
    });
    this.#ws.on('error', (error) => {
      if (this.#aborted !== undefined) return; // a close() that worked: the abort is not an error
      this.#errored = true;
      const payload = result(quirks, 'connectSocket', error.message);
      if (quirks.closeBeforeError) this.#stashedError = payload;
      else this.#emit('error', payload);
    });
    this.#ws.on('close', (code, reason) => {
      released();
      if (this.#closed) return;
      this.#closed = true;
      if (quirks.errorWithoutClose && this.#errored) return this.#flushError();
      const detail =
        this.#aborted ??
        (quirks.madeUpClose ? (this.#asked ?? { code: 1006, reason: 'abnormal closure' }) : { code, reason: reason.toString('utf8') });
      const payload = quirks.bareClose ? {} : detail;
      this.#emit('close', payload);
      if (quirks.doubleClose) this.#emit('close', payload);
      this.#flushError();
    });
  }

  get readyState(): number {
    return this.#ws.readyState;
  }

  onOpen(listener: Listener): void {
    this.#on('open', listener);
  }
  onMessage(listener: Listener): void {
    this.#on('message', listener);
  }
  onError(listener: Listener): void {
    this.#on('error', listener);
  }
  onClose(listener: Listener): void {
    this.#on('close', listener);
  }

  send(options: NativeOptions | undefined): void {
    this.#guard('send');
    const quirks = this.#quirks;
    const data = options?.data;
    if (this.#ws.readyState !== WebSocket.OPEN)
      return settle(quirks, options, false, result(quirks, 'sendSocketMessage', 'WebSocket is not connected', 10002));
    // By tag, not instanceof: device code may run in another realm (a vm context, a mini-program's JS context).
    if (typeof data !== 'string' && Object.prototype.toString.call(data) !== '[object ArrayBuffer]') {
      return settle(quirks, options, false, result(quirks, 'sendSocketMessage', 'data must be string or ArrayBuffer', 602001, 2));
    }
    const ok = result(quirks, 'sendSocketMessage');
    if (quirks.sendSuccessEarly) {
      // Taro H5: `this.ws.send(data)` then `success(res)`, inside the call.
      this.#ws.send(data as string | ArrayBuffer);
      return settle(quirks, options, true, ok, true);
    }
    // Success once ws has handed the bytes to the OS, from its write callback.
    this.#ws.send(data as string | ArrayBuffer, (error) =>
      settle(quirks, options, error == null, error == null ? ok : result(quirks, 'sendSocketMessage', error.message), true)
    );
  }

  close(options: NativeOptions | undefined): void {
    this.#guard('close');
    const quirks = this.#quirks;
    const code = typeof options?.code === 'number' ? options.code : 1000;
    const reason = typeof options?.reason === 'string' ? options.reason : '';
    const state = this.#ws.readyState;
    if (state === WebSocket.CONNECTING) {
      if (quirks.closeWhileConnecting === 'fails')
        return settle(quirks, options, false, result(quirks, 'closeSocket', 'WebSocket is not connected', 10002));
      if (quirks.closeWhileConnecting === 'ignored') return settle(quirks, options, true, result(quirks, 'closeSocket'));
      this.#aborted = { code, reason };
      this.#ws.terminate();
      return settle(quirks, options, true, result(quirks, 'closeSocket'));
    }
    if (state !== WebSocket.OPEN) return settle(quirks, options, false, result(quirks, 'closeSocket', 'WebSocket is not connected', 10002));
    this.#asked = { code, reason };
    if (quirks.noCloseCode) this.#ws.close();
    else this.#ws.close(code, reason);
    settle(quirks, options, true, result(quirks, 'closeSocket'));
    if (quirks.syncEvents) {
      // The close is reported inside close(); the socket's own close event later finds it done.
      this.#closed = true;
      this.#emit('close', quirks.bareClose ? {} : { code, reason });
    }
  }

  #guard(method: string): void {
    if (this.#quirks.throwWhenClosed && this.#closed) throw new Error(`SocketTask.${method}: the task is closed`);
  }

  #on(name: EventName, listener: Listener): void {
    this.#guard(`on${name}`);
    if (typeof listener !== 'function') return;
    if (this.#quirks.singleListener) this.#listeners[name] = [listener];
    else this.#listeners[name].push(listener);
  }

  #emit(name: EventName, payload: unknown): void {
    for (const listener of this.#listeners[name].slice()) {
      try {
        listener(payload);
      } catch (error) {
        // A runtime logs a listener's exception and goes on.
        console.error('native stand-in: a listener threw', error);
      }
    }
  }

  #flushError(): void {
    if (this.#stashedError === undefined) return;
    const payload = this.#stashedError;
    this.#stashedError = undefined;
    this.#emit('error', payload);
  }
}
