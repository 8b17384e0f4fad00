/**
 * Browser-side probes for smoke.test.ts: each connects with the browser entry to the test
 * server (same origin) and returns plain data about what it saw, for the Node side to check.
 */
import standard, { connectSocket, createSocketApi, type SocketApiConfig, type SocketTask } from '../../../src/browser.js';
import { waitUntil } from '../../support/wait.js';

type Seen = Array<[string, unknown]>;
const base = `ws://${location.host}`;
const tag = Object.prototype.toString;

function record(task: SocketTask, seen: Seen): Promise<void> {
  task.onOpen((r) => seen.push(['open', r]));
  task.onMessage((r) => seen.push(['message', typeof r.data === 'string' ? r.data : describeBuffer(r.data)]));
  task.onError((r) => seen.push(['error', { errMsg: r.errMsg, errCode: r.errCode }]));
  return new Promise((resolve) =>
    task.onClose((r) => {
      seen.push(['close', r]);
      resolve();
    })
  );
}

function describeBuffer(data: ArrayBuffer): { tag: string; realm: boolean; byteLength: number; hex: string } {
  const hex = Array.from(new Uint8Array(data), (b) => b.toString(16).padStart(2, '0')).join('');
  return { tag: tag.call(data), realm: data instanceof ArrayBuffer, byteLength: data.byteLength, hex };
}

/** Connects, runs `act` once open, and returns every event up to and including close. */
async function session(
  path: string,
  config: SocketApiConfig,
  act: (task: SocketTask, seen: Seen) => Promise<void> | void,
  protocols?: string[]
): Promise<Seen> {
  const seen: Seen = [];
  const api = createSocketApi({ warn: (m) => seen.push(['warning', m]), ...config });
  const task = api.connectSocket({ url: `${base}${path}`, ...(protocols ? { protocols } : {}) });
  const closed = record(task, seen);
  await waitUntil(() => seen.some(([name]) => name === 'open' || name === 'close'));
  if (task.readyState === task.OPEN) await act(task, seen);
  await closed;
  return seen;
}

export const probes = {
  /** Binary messages from the server, of several sizes: exact ArrayBuffers of this realm. */
  async binaryIn(sizes: number[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const size of sizes) {
      const seen = await session(`/send-binary/${size}?id=bin${size}`, {}, async (task, events) => {
        await waitUntil(() => events.some(([name]) => name === 'message'));
        task.close({ code: 1000 });
      });
      out.push(seen.filter(([name]) => name === 'message').map(([, data]) => data));
    }
    return out;
  },

  /** Echo of an ArrayBuffer and of a view into a larger buffer; the server logs what it got. */
  binaryEcho(id: string): Promise<Seen> {
    return session(`/echo?id=${id}`, {}, async (task, seen) => {
      task.send({ data: new Uint8Array([0, 1, 2, 253, 254, 255]).buffer });
      const big = new Uint8Array(64).map((_v, i) => i);
      task.send({ data: new Uint8Array(big.buffer, 10, 5) });
      await waitUntil(() => seen.filter(([name]) => name === 'message').length === 2);
      task.close({ code: 4321, reason: 'bye \u2713 \u{1F600}' });
    });
  },

  /** A handshake the server refuses, one with a subprotocol not offered, and a bad frame after open. */
  async failures(): Promise<Record<string, Seen>> {
    return {
      status: await session('/status/404', {}, () => undefined),
      protocol: await session('/protocol/zzz', {}, () => undefined, ['chat']),
      badUtf8: await session('/bad-utf8', {}, () => undefined)
    };
  },

  /** What a browser cannot do: each option warns once per API object, and the connection still works. */
  async capabilityWarnings(): Promise<{ warnings: string[]; open: unknown }> {
    const warnings: string[] = [];
    const api = createSocketApi({ warn: (m) => warnings.push(m) });
    const seen: Seen = [];
    for (let i = 0; i < 2; i++) {
      const task = api.connectSocket({ url: `${base}/echo`, header: { 'x-token': 'abc' }, tcpNoDelay: true });
      const closed = record(task, seen);
      await waitUntil(() => seen.some(([name]) => name === 'open'));
      task.close();
      await closed;
    }
    return { warnings, open: seen.find(([name]) => name === 'open')?.[1] };
  },

  /** config.maxPayload in a browser: the message is dropped, error then close 1009. */
  async tooBig(id: string): Promise<Record<string, Seen>> {
    return {
      binary: await session(`/send-binary/1000?id=${id}.bin`, { maxPayload: 100 }, () => undefined),
      text: await session(`/send-text/1000?id=${id}.text`, { maxPayload: 100 }, () => undefined),
      fits: await session(`/send-binary/100?id=${id}.fits`, { maxPayload: 100 }, async (task, events) => {
        await waitUntil(() => events.some(([name]) => name === 'message'));
        task.close();
      })
    };
  },

  /** Send callbacks: every send gets success in order, and the server has every byte. */
  sendCallbacks(id: string): Promise<Seen> {
    return session(`/echo?id=${id}`, {}, async (task, seen) => {
      const sizes = [10, 1 << 20, 3 << 20, 5];
      sizes.forEach((size, i) => {
        task.send({
          data: new Uint8Array(size).fill(i).buffer,
          success: (r) => seen.push(['send', { i, ...r }]),
          fail: (r) => seen.push(['send', { i, ...r }])
        });
      });
      await waitUntil(() => seen.filter(([name]) => name === 'send').length === sizes.length, 'every send outcome', 10_000);
      task.close();
    });
  },

  /**
   * Send callbacks against a server that stops reading and then drops the connection:
   * what the browser took gets success, what it still held gets fail, in send order.
   */
  stuckSends(count: number): Promise<Seen> {
    return session(`/stop-reading/1500`, {}, (task, seen) => {
      for (let i = 0; i < count; i++) {
        task.send({
          data: new ArrayBuffer(1 << 20),
          success: () => seen.push(['send', { i, ok: true }]),
          fail: (r) => seen.push(['send', { i, ok: false, errCode: r.errCode }])
        });
      }
    });
  },

  /** An implementation that ignores binaryType and gives Blobs: messages still come as ArrayBuffers, in order. */
  blobs(): Promise<Seen> {
    const Native = WebSocket;
    class BlobOnly extends Native {
      override get binaryType(): BinaryType {
        return super.binaryType;
      }
      override set binaryType(_value: BinaryType) {
        super.binaryType = 'blob';
      }
    }
    return session('/echo', { WebSocket: BlobOnly }, async (task, seen) => {
      for (const data of ['a', new Uint8Array([1, 2]).buffer, 'b', new Uint8Array([3]).buffer, 'c']) task.send({ data });
      await waitUntil(() => seen.filter(([name]) => name === 'message').length === 5);
      task.close();
    });
  },

  /** No WebSocket anywhere: connectSocket still returns a task, which reports error then close. */
  async noConstructor(): Promise<Seen> {
    const saved = globalThis.WebSocket;
    (globalThis as { WebSocket?: unknown }).WebSocket = undefined;
    try {
      const seen: Seen = [];
      const task = createSocketApi({ warn: () => undefined }).connectSocket({ url: `${base}/echo` });
      await record(task, seen);
      return seen;
    } finally {
      globalThis.WebSocket = saved;
    }
  },

  /** The default instance and its named exports are one API object with the standard profile. */
  async defaultInstance(): Promise<{ same: boolean; profile: string; reply: unknown }> {
    const task = connectSocket({ url: `${base}/echo` });
    const seen: Seen = [];
    const closed = record(task, seen);
    await waitUntil(() => seen.some(([name]) => name === 'open'));
    task.send({ data: 'hi' });
    await waitUntil(() => seen.some(([name]) => name === 'message'));
    task.close();
    await closed;
    return {
      same: standard.connectSocket === connectSocket,
      profile: standard.profile,
      reply: seen.find(([name]) => name === 'message')?.[1]
    };
  }
};

(globalThis as { __probes?: unknown }).__probes = probes;
document.body.dataset.ready = 'true';
