/**
 * One virtual user's client: its own API object (so the profile's connection limit is per
 * app, as on a phone), one SocketTask, the messages not yet expected, and the metrics.
 * Every way the server can misbehave ends here as a rejected step with a reason.
 */
import type { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createSocketApi, type ConnectSocketOptions, type SocketError, type SocketTask } from 'minisocket';
import type { EngineConfig } from './config';
import { VuFailure } from './errors';
import { mismatch, type Matcher } from './expect';

/** Messages kept for later `expect` steps; a server that sends more than this unread is a failure of its own. */
export const MAX_UNREAD = 1000;
/** How long `close` waits for onClose before the step fails. */
export const CLOSE_WAIT = 10_000;

export const METRIC = {
  connectTime: 'minisocket.connect_time',
  roundTrip: 'minisocket.round_trip',
  opened: 'minisocket.connections',
  sent: 'minisocket.messages_sent',
  received: 'minisocket.messages_received',
  bytesSent: 'minisocket.bytes_sent',
  bytesReceived: 'minisocket.bytes_received',
  errors: 'minisocket.errors.',
  close: 'minisocket.close.'
} as const;

type Message = string | ArrayBuffer;
type Connect = (options: ConnectSocketOptions) => SocketTask | Promise<unknown>;

interface Waiter {
  take(message: Message): void;
  lost(reason: string): void;
}

function byteLength(data: Message): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

export class Session {
  task: SocketTask | undefined;
  private readonly inbox: Message[] = [];
  private overflowed = false;
  private waiter: Waiter | undefined;
  /** The task ended for good (its last onClose), with this code. */
  private closedWith: number | undefined;
  private closeListeners: Array<(code: number) => void> = [];
  /** When the last send was handed to the socket, for the round trip of the next expect. */
  private lastSend: number | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly config: EngineConfig,
    private readonly ee: EventEmitter
  ) {}

  private countError(error: SocketError): void {
    this.ee.emit('counter', `${METRIC.errors}${error.errCode}`, 1);
  }

  private timer(ms: number, fire: () => void): ReturnType<typeof setTimeout> {
    const id = setTimeout(() => {
      this.timers.delete(id);
      fire();
    }, ms);
    this.timers.add(id);
    return id;
  }

  private clearTimer(id: ReturnType<typeof setTimeout>): void {
    clearTimeout(id);
    this.timers.delete(id);
  }

  connect(step: string, url: string): Promise<void> {
    if (this.task !== undefined && this.closedWith === undefined) {
      return Promise.reject(new VuFailure(`${step}: already connected (close first)`));
    }
    this.inbox.length = 0;
    this.overflowed = false;
    this.closedWith = undefined;
    this.lastSend = undefined;
    // Each virtual user is one app: its own API object, so a profile's connection limit counts its tasks only.
    const api = createSocketApi({ profile: this.config.profile, warn: () => undefined }) as unknown as { connectSocket: Connect };
    const started = performance.now();
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let settled = false;
      const fail = (failure: VuFailure): void => {
        if (settled) return;
        settled = true;
        reject(failure);
      };
      const request: ConnectSocketOptions = {
        url,
        header: this.config.header,
        fail: (error) => {
          this.countError(error);
          fail(new VuFailure(`${step}: ${error.errMsg}`, error.errCode));
        }
      };
      if (this.config.protocols.length > 0) request.protocols = this.config.protocols;
      if (this.config.timeout !== undefined) request.timeout = this.config.timeout;
      if (this.config.reconnect !== undefined) request.reconnect = this.config.reconnect;
      // Alipay returns a task only with multiple: true.
      if (this.config.profile === 'my') (request as ConnectSocketOptions & { multiple: boolean }).multiple = true;
      const attach = (value: unknown): void => {
        if (typeof value !== 'object' || value === null || typeof (value as SocketTask).onOpen !== 'function') return;
        const task = (this.task = value as SocketTask);
        task.onOpen(() => {
          this.ee.emit('counter', METRIC.opened, 1);
          if (opened) return; // a reconnect's new link
          opened = true;
          this.ee.emit('histogram', METRIC.connectTime, performance.now() - started);
          if (!settled) {
            settled = true;
            resolve();
          }
        });
        task.onMessage(({ data }) => this.receive(data));
        task.onError((error) => {
          this.countError(error);
          // With reconnect, a failed attempt is followed by another: only the final close ends the step.
          if (!opened && this.config.reconnect === undefined) fail(new VuFailure(`${step}: ${error.errMsg}`, error.errCode));
        });
        task.onClose(({ code }) => {
          this.ee.emit('counter', `${METRIC.close}${code}`, 1);
          if (task.readyState !== task.CLOSED) return; // reconnect will dial again
          this.closedWith = code;
          if (!opened) fail(new VuFailure(`${step}: closed with ${code} before it opened`));
          this.waiter?.lost(`the connection closed with ${code}`);
          const listeners = this.closeListeners;
          this.closeListeners = [];
          for (const listener of listeners) listener(code);
        });
      };
      try {
        const result = api.connectSocket(request);
        if (result instanceof Promise)
          result.then(attach, () => undefined); // taro; fail() has reported it
        else attach(result);
      } catch (error) {
        fail(new VuFailure(`${step}: connectSocket threw ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  private receive(data: Message): void {
    this.ee.emit('counter', METRIC.received, 1);
    this.ee.emit('counter', METRIC.bytesReceived, byteLength(data));
    if (this.waiter !== undefined) return this.waiter.take(data);
    if (this.inbox.length >= MAX_UNREAD) {
      this.overflowed = true;
      return;
    }
    this.inbox.push(data);
  }

  private open(step: string): SocketTask {
    if (this.task === undefined) throw new VuFailure(`${step}: not connected (add a connect step before it)`);
    if (this.closedWith !== undefined) throw new VuFailure(`${step}: the connection closed with ${this.closedWith}`);
    return this.task;
  }

  send(step: string, data: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A throw here (no open connection) rejects the Promise.
      const task = this.open(step);
      task.send({
        data,
        success: () => {
          this.ee.emit('counter', METRIC.sent, 1);
          this.ee.emit('counter', METRIC.bytesSent, byteLength(data));
          resolve();
        },
        fail: (error) => {
          this.countError(error);
          reject(new VuFailure(`${step}: ${error.errMsg}`, error.errCode));
        }
      });
      // The round trip starts when the message is handed over, as a mini-program measures it.
      this.lastSend = performance.now();
    });
  }

  expect(step: string, matcher: Matcher, expected: unknown, timeout: number): Promise<void> {
    const check = (data: Message): void => {
      const why = mismatch(matcher, expected, data);
      if (why !== undefined) throw new VuFailure(`${step}: ${why}`);
      if (this.lastSend !== undefined) this.ee.emit('histogram', METRIC.roundTrip, performance.now() - this.lastSend);
      this.lastSend = undefined;
    };
    if (this.overflowed) return Promise.reject(new VuFailure(`${step}: more than ${MAX_UNREAD} messages arrived unread`));
    const next = this.inbox.shift();
    if (next !== undefined) {
      try {
        check(next);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    try {
      this.open(step);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const done = (error?: unknown): void => {
        this.waiter = undefined;
        this.clearTimer(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = this.timer(timeout, () => done(new VuFailure(`${step}: no message within ${timeout} ms`)));
      this.waiter = {
        take: (data) => {
          try {
            check(data);
            done();
          } catch (error) {
            done(error);
          }
        },
        lost: (reason) => done(new VuFailure(`${step}: ${reason} before a message arrived`))
      };
    });
  }

  close(step: string, code: number | undefined, reason: string | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A throw here (no open connection) rejects the Promise.
      const task = this.open(step);
      const timer = this.timer(CLOSE_WAIT, () => reject(new VuFailure(`${step}: no onClose within ${CLOSE_WAIT} ms`)));
      this.closeListeners.push(() => {
        this.clearTimer(timer);
        resolve();
      });
      task.close({
        ...(code === undefined ? {} : { code }),
        ...(reason === undefined ? {} : { reason }),
        fail: (error) => {
          this.countError(error);
          this.clearTimer(timer);
          reject(new VuFailure(`${step}: ${error.errMsg}`, error.errCode));
        }
      });
    });
  }

  /** The virtual user is done (or failed): let go of the socket and every timer. */
  end(): void {
    for (const id of this.timers) clearTimeout(id);
    this.timers.clear();
    this.waiter = undefined;
    this.closeListeners = [];
    const task = this.task;
    if (task !== undefined && this.closedWith === undefined) {
      task.offMessage();
      task.close({ code: 1000, fail: () => undefined });
    }
  }
}
