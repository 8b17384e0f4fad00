/**
 * The conformance table of docs/websocket.md, one `describe` per row, on Node over the
 * `wx` profile against a real `ws` server on loopback. WHATWG:
 * https://websockets.spec.whatwg.org/#the-websocket-interface
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi, createWebSocketClass } from '../../src/index.js';
import { waitUntil } from '../support/wait.js';
import { next, startFacadeServer, type FacadeServer } from './helpers.js';

const WS = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));
let server: FacadeServer;

beforeAll(async () => {
  server = await startFacadeServer();
});
afterAll(() => server.stop());

async function opened(path = '/echo', protocols?: string | string[]): Promise<WebSocket> {
  const ws = new WS(server.url(path), protocols);
  await next(ws, 'open');
  return ws;
}

async function closed(ws: WebSocket): Promise<CloseEvent> {
  if (ws.readyState === WS.CLOSED) throw new Error('already closed');
  return next<CloseEvent>(ws, 'close');
}

const thrown = (fn: () => unknown): { name: string; message: string } | undefined => {
  try {
    fn();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  return undefined;
};

describe('constructor(url, protocols)', () => {
  it('throws SyntaxError for a URL that does not parse, a relative URL, another scheme, or a fragment', () => {
    for (const url of ['not a url', '/relative', 'ftp://127.0.0.1/', 'ws://127.0.0.1/#frag', 'ws://127.0.0.1/#']) {
      expect(
        thrown(() => new WS(url)),
        url
      ).toMatchObject({ name: 'SyntaxError' });
    }
    expect(thrown(() => new WS('ftp://127.0.0.1/'))).toEqual(
      expect.objectContaining({ message: expect.stringContaining("'ftp' is not allowed") })
    );
  });

  it('throws SyntaxError for a protocol that is not a token, or one offered twice', () => {
    expect(thrown(() => new WS(server.url(), 'a b'))).toMatchObject({ name: 'SyntaxError' });
    expect(thrown(() => new WS(server.url(), ['chat', 'chat']))).toMatchObject({ name: 'SyntaxError' });
    expect(thrown(() => new WS(server.url(), ['']))).toMatchObject({ name: 'SyntaxError' });
  });

  it('throws a TypeError without arguments, and the errors are DOMExceptions where the runtime has them', () => {
    expect(() => new (WS as unknown as new () => WebSocket)()).toThrow(TypeError);
    let error: unknown;
    try {
      new WS('ftp://x/');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).code).toBe(12);
  });

  it('maps http: to ws: and https: to wss:, and connects', async () => {
    const ws = new WS(server.url('/echo').replace('ws:', 'http:'));
    expect(ws.url).toBe(server.url('/echo'));
    expect(new WS('https://127.0.0.1:1/x').url).toBe('wss://127.0.0.1:1/x');
    await next(ws, 'open');
    ws.close();
  });
});

describe('url', () => {
  it('is the serialized URL', () => {
    const ws = new WS('WS://127.0.0.1:1');
    expect(ws.url).toBe('ws://127.0.0.1:1/');
    ws.close();
  });
});

describe('readyState and the constants', () => {
  it('has CONNECTING, OPEN, CLOSING, CLOSED on the class and on instances, and moves through them', async () => {
    expect([WS.CONNECTING, WS.OPEN, WS.CLOSING, WS.CLOSED]).toEqual([0, 1, 2, 3]);
    const ws = new WS(server.url());
    expect([ws.CONNECTING, ws.OPEN, ws.CLOSING, ws.CLOSED]).toEqual([0, 1, 2, 3]);
    expect(ws.readyState).toBe(0);
    await next(ws, 'open');
    expect(ws.readyState).toBe(1);
    const done = closed(ws);
    ws.close();
    expect(ws.readyState).toBe(2);
    await done;
    expect(ws.readyState).toBe(3);
  });
});

describe('bufferedAmount', () => {
  it('counts every send in UTF-8 bytes until it is written, then drops to 0', async () => {
    const ws = await opened();
    ws.send('é'); // 2 bytes
    ws.send(new Uint8Array(10));
    ws.send(new ArrayBuffer(5));
    ws.send(new Blob(['abc']));
    expect(ws.bufferedAmount).toBe(2 + 10 + 5 + 3);
    await waitUntil(() => ws.bufferedAmount === 0);
    ws.close();
    await closed(ws);
  });

  it('counts a lone send for the rest of the task that sent it, even when it is written at once', async () => {
    const ws = await opened();
    ws.send('abc');
    // ws writes to the socket inside send(): the bytes are out, yet WHATWG counts what the current task sent.
    expect(ws.bufferedAmount).toBe(3);
    ws.send('de');
    expect(ws.bufferedAmount).toBe(5);
    await waitUntil(() => ws.bufferedAmount === 0);
    await waitUntil(() => server.received.filter((r) => r.data.toString() === 'de').length === 1);
    ws.close();
    await closed(ws);
  });

  it('keeps counting sends made while CLOSING or CLOSED, which send nothing', async () => {
    const ws = await opened();
    const done = closed(ws);
    ws.close();
    ws.send('abcd');
    expect(ws.bufferedAmount).toBe(4);
    await done;
    ws.send(new Uint8Array(3));
    expect(ws.bufferedAmount).toBe(7);
    expect(server.received.filter((r) => r.data.toString() === 'abcd')).toEqual([]);
  });

  it('stays exact while the peer reads nothing, over more than a thousand runs of sends, then drains in order', async () => {
    const ws = await opened('/hold');
    // More than loopback's socket buffers take while nothing is read (and under the task's
    // 16 MiB send-queue limit): the writes back up until the server reads.
    const big = new Uint8Array(12 * 1024 * 1024);
    ws.send(big);
    let expected = big.byteLength;
    const runs = 1100;
    for (let run = 0; run < runs; run++) {
      ws.send(`m${run}`);
      expected += `m${run}`.length;
      if (run % 2 === 0) {
        ws.send('+');
        expected += 1;
      }
      // The next run: this one's sends are handed to the task as one batch meanwhile.
      await Promise.resolve();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ws.bufferedAmount).toBe(expected);
    server.release();
    await waitUntil(() => ws.bufferedAmount === 0);
    // Written is not yet read: wait for the server to read it all.
    const held = () => server.received.filter((r) => r.path === '/hold');
    await waitUntil(() => held().length === 1 + runs + runs / 2);
    const texts = held()
      .filter((r) => !r.binary)
      .map((r) => r.data.toString());
    expect(texts).toEqual(Array.from({ length: runs }, (_, run) => (run % 2 === 0 ? [`m${run}`, '+'] : [`m${run}`])).flat());
    expect(held().find((r) => r.binary)?.data.byteLength).toBe(big.byteLength);
    // And the accounting goes on exactly once the backlog is gone.
    ws.send('after');
    ws.send('and more');
    expect(ws.bufferedAmount).toBe(13);
    await waitUntil(() => ws.bufferedAmount === 0);
    const done = closed(ws);
    ws.close();
    await done;
  });
});

describe('extensions', () => {
  it("is '' when the server negotiated none", async () => {
    const ws = await opened();
    expect(ws.extensions).toBe('');
    ws.close();
  });
});

describe('protocol', () => {
  it("is '' before open and the subprotocol the server chose after", async () => {
    const ws = new WS(server.url(), ['chat', 'superchat']);
    expect(ws.protocol).toBe('');
    await next(ws, 'open');
    expect(ws.protocol).toBe('superchat');
    ws.close();
  });
});

describe('binaryType', () => {
  it("is 'blob' by default where Blob exists, delivers Blob or ArrayBuffer accordingly, and ignores unknown values", async () => {
    const ws = await opened();
    expect(ws.binaryType).toBe('blob');
    ws.send(new Uint8Array([1, 2, 3]));
    const blob = (await next<MessageEvent>(ws, 'message')).data as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3]);
    ws.binaryType = 'arraybuffer';
    ws.binaryType = 'nonsense' as BinaryType;
    expect(ws.binaryType).toBe('arraybuffer');
    ws.send(new Uint8Array([4, 5]));
    const buffer = (await next<MessageEvent>(ws, 'message')).data as ArrayBuffer;
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(buffer)]).toEqual([4, 5]);
    ws.send('text');
    expect((await next<MessageEvent>(ws, 'message')).data).toBe('text');
    ws.close();
  });
});

describe('send(data)', () => {
  it('throws InvalidStateError while CONNECTING', () => {
    const ws = new WS(server.url());
    expect(thrown(() => ws.send('early'))).toMatchObject({ name: 'InvalidStateError' });
    expect(ws.bufferedAmount).toBe(0);
    ws.close();
  });

  it('sends exactly the bytes of an ArrayBufferView, not its whole buffer (the MQTT.js subarray bug)', async () => {
    const ws = await opened('/echo?view');
    const backing = new Uint8Array([9, 8, 7, 6]);
    ws.send(backing.subarray(1, 2));
    ws.send(new DataView(backing.buffer, 2, 2));
    ws.send(new Uint16Array([0x0102]));
    ws.send(Buffer.from('pooled')); // a slice of Node's shared 8 KiB pool
    await waitUntil(() => server.received.filter((r) => r.path === '/echo?view').length === 4);
    const got = server.received.filter((r) => r.path === '/echo?view');
    expect(got.map((r) => [...r.data])).toEqual([
      [8],
      [7, 6],
      [...new Uint8Array(new Uint16Array([0x0102]).buffer)],
      [...Buffer.from('pooled')]
    ]);
    expect(got.every((r) => r.binary)).toBe(true);
    ws.close();
  });

  it('sends string, ArrayBuffer and Blob, in send() order even behind a Blob being read', async () => {
    const ws = await opened('/echo?order');
    ws.send('a');
    ws.send(new Blob([new Uint8Array([1, 2])]));
    ws.send('b');
    ws.send(new Uint8Array([3]).buffer);
    await waitUntil(() => server.received.filter((r) => r.path === '/echo?order').length === 4);
    const got = server.received.filter((r) => r.path === '/echo?order');
    expect(got.map((r) => (r.binary ? [...r.data] : r.data.toString()))).toEqual(['a', [1, 2], 'b', [3]]);
    ws.close();
  });

  it('converts anything else to a string, and refuses shared memory with a TypeError', async () => {
    const ws = await opened('/echo?convert');
    ws.send(123 as unknown as string);
    ws.send('\ud800' as string); // a lone surrogate is sent as U+FFFD
    expect(() => ws.send(new SharedArrayBuffer(4) as unknown as ArrayBuffer)).toThrow(TypeError);
    expect(() => ws.send(new Uint8Array(new SharedArrayBuffer(4)))).toThrow(TypeError);
    await waitUntil(() => server.received.filter((r) => r.path === '/echo?convert').length === 2);
    expect(server.received.filter((r) => r.path === '/echo?convert').map((r) => r.data.toString())).toEqual(['123', '\ufffd']);
    ws.close();
  });
});

describe('close(code, reason)', () => {
  it('throws InvalidAccessError for a code other than 1000 or 3000-4999, SyntaxError for a reason over 123 bytes', async () => {
    const ws = await opened();
    for (const code of [0, 999, 1001, 1005, 2999, 5000, 65535, Number.NaN]) {
      expect(
        thrown(() => ws.close(code)),
        String(code)
      ).toMatchObject({ name: 'InvalidAccessError' });
    }
    expect(thrown(() => ws.close(1000, 'é'.repeat(62)))).toMatchObject({ name: 'SyntaxError' });
    expect(ws.readyState).toBe(WS.OPEN);
    const done = closed(ws);
    ws.close(3000.4, 'é'.repeat(61)); // [Clamp]: 3000; 122 bytes
    const event = await done;
    expect(event).toMatchObject({ code: 3000, reason: 'é'.repeat(61), wasClean: true });
  });

  it('sends the code and reason to the server, and no code as 1000', async () => {
    const first = await opened('/echo?close-a');
    first.close(4321, 'see you');
    const second = await opened('/echo?close-b');
    second.close();
    await waitUntil(() => server.closes.filter((c) => c.path.startsWith('/echo?close-')).length === 2);
    expect(server.closes.find((c) => c.path === '/echo?close-a')).toMatchObject({ code: 4321, reason: 'see you' });
    expect(server.closes.find((c) => c.path === '/echo?close-b')).toMatchObject({ code: 1000, reason: '' });
  });

  it('while CONNECTING fails the connection: error, then close 1006, not clean', async () => {
    const ws = new WS(server.url());
    const seen: string[] = [];
    ws.onopen = () => seen.push('open');
    ws.onerror = () => seen.push(`error ${ws.readyState}`);
    ws.onclose = (event) => seen.push(`close ${(event as CloseEvent).code} ${(event as CloseEvent).wasClean}`);
    ws.close(4000, 'never mind');
    expect(ws.readyState).toBe(WS.CLOSING);
    await waitUntil(() => seen.length === 2);
    expect(seen).toEqual(['error 3', 'close 1006 false']);
  });

  it('does nothing while CLOSING or CLOSED', async () => {
    const ws = await opened();
    const done = closed(ws);
    ws.close(4001);
    ws.close(4002);
    expect((await done).code).toBe(4001);
    expect(() => ws.close(4003)).not.toThrow();
  });
});

describe('onopen, onmessage, onerror, onclose', () => {
  it('one handler per event, replaced in place, removed by null or a non-function', async () => {
    const ws = await opened();
    const seen: string[] = [];
    ws.addEventListener('message', () => seen.push('listener 1'));
    ws.onmessage = () => seen.push('handler A');
    ws.addEventListener('message', () => seen.push('listener 2'));
    ws.onmessage = () => seen.push('handler B'); // keeps the first position
    expect(typeof ws.onmessage).toBe('function');
    ws.send('x');
    await next(ws, 'message');
    expect(seen).toEqual(['listener 1', 'handler B', 'listener 2']);
    ws.onmessage = 'nope' as unknown as null;
    expect(ws.onmessage).toBe(null);
    seen.length = 0;
    ws.send('y');
    await next(ws, 'message');
    expect(seen).toEqual(['listener 1', 'listener 2']);
    ws.close();
  });

  it('calls the handler with the socket as this', async () => {
    const ws = new WS(server.url());
    const self = await new Promise((resolve) => {
      ws.onopen = function (this: WebSocket) {
        resolve(this);
      };
    });
    expect(self).toBe(ws);
    ws.close();
  });
});

describe('addEventListener, removeEventListener, dispatchEvent', () => {
  it('supports once, removal, handleEvent objects and events dispatched by the application', async () => {
    const ws = new WS(server.url('/send-after-open'));
    const seen: unknown[] = [];
    ws.addEventListener('message', (event) => seen.push(`once ${(event as MessageEvent).data}`), { once: true });
    const removed = () => seen.push('removed');
    ws.addEventListener('message', removed);
    ws.removeEventListener('message', removed);
    ws.addEventListener('message', { handleEvent: (event: Event) => seen.push(`object ${(event as MessageEvent).data}`) });
    await waitUntil(() => seen.length === 3);
    expect(seen).toEqual(['once one', 'object one', 'object two']);
    let custom: Event | undefined;
    ws.addEventListener('custom', (event) => (custom = event));
    expect(ws.dispatchEvent(new Event('custom'))).toBe(true);
    expect(custom?.target).toBe(ws);
    expect(ws).toBeInstanceOf(EventTarget);
    ws.close();
  });
});

describe('MessageEvent', () => {
  it('has data and the origin of the URL', async () => {
    const ws = await opened();
    ws.send('hello');
    const event = await next<MessageEvent>(ws, 'message');
    expect(event).toBeInstanceOf(MessageEvent);
    expect(event.data).toBe('hello');
    expect(event.origin).toBe(new URL(server.url()).origin);
    expect(event.target).toBe(ws);
    ws.close();
  });
});

describe('MessageEvent to onmessage alone (delivered without the runtime dispatch)', () => {
  it('is the same event as dispatch gives: MessageEvent, at its target, this is the socket, then done', async () => {
    const ws = await opened();
    const during: unknown[] = [];
    const event = await new Promise<MessageEvent>((resolve) => {
      ws.onmessage = function (this: WebSocket, e) {
        during.push(this === ws, e.currentTarget === ws, e.eventPhase, e.type, e.cancelable, e.defaultPrevented);
        e.preventDefault();
        e.stopImmediatePropagation();
        resolve(e);
      };
      ws.send('direct');
    });
    expect(during).toEqual([true, true, 2, 'message', false, false]);
    expect(event).toBeInstanceOf(MessageEvent);
    expect(event).toBeInstanceOf(Event);
    expect(Object.prototype.toString.call(event)).toBe('[object MessageEvent]');
    expect([event.data, event.origin, event.lastEventId, event.source, event.ports]).toEqual([
      'direct',
      new URL(server.url()).origin,
      '',
      null,
      []
    ]);
    expect([event.target, event.currentTarget, event.eventPhase, event.bubbles]).toEqual([ws, null, 0, false]);
    ws.close();
  });

  it('timeStamp: a time on the runtime clock, taken at the first read and the same ever after; cancelBubble as DOM', async () => {
    const ws = await opened();
    const before = performance.now();
    const seen = await new Promise<{ event: MessageEvent; stamps: number[]; after: number; bubble: boolean[] }>((resolve) => {
      ws.onmessage = (event) => {
        const stamps = [event.timeStamp, event.timeStamp];
        const after = performance.now();
        const bubble = [event.cancelBubble];
        event.cancelBubble = false;
        bubble.push(event.cancelBubble);
        event.stopPropagation();
        bubble.push(event.cancelBubble);
        event.cancelBubble = false; // DOM: setting false does not clear the flag
        bubble.push(event.cancelBubble);
        resolve({ event, stamps, after, bubble });
      };
      ws.send('t');
    });
    const [first, second] = seen.stamps as [number, number];
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(seen.after);
    expect(second).toBe(first);
    expect(seen.event.timeStamp).toBe(first);
    expect(seen.bubble).toEqual([false, false, true, true]);
    ws.close();
  });

  it('a throwing handler is reported, and the next message still arrives', async () => {
    const ws = await opened();
    const reported = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const seen: string[] = [];
    ws.onmessage = (e) => {
      seen.push(e.data);
      if (e.data === 'a') throw new Error('from onmessage');
    };
    ws.send('a');
    ws.send('b');
    expect(((await reported) as Error).message).toBe('from onmessage');
    await waitUntil(() => seen.length === 2);
    expect(seen).toEqual(['a', 'b']);
    ws.close();
  });

  it('a listener added later takes the ordered dispatch: handler first (its position), then the listener', async () => {
    const ws = await opened();
    const seen: string[] = [];
    ws.onmessage = (e) => seen.push(`handler ${e.data}`);
    ws.send('1');
    await waitUntil(() => seen.length === 1);
    ws.addEventListener('message', (e) => seen.push(`listener ${(e as MessageEvent).data}`), { once: true });
    ws.send('2');
    ws.send('3');
    await waitUntil(() => seen.length === 4);
    expect(seen).toEqual(['handler 1', 'handler 2', 'listener 2', 'handler 3']);
    ws.close();
  });
});

describe('CloseEvent', () => {
  it('carries the code and reason the server closed with, and wasClean', async () => {
    const ws = new WS(server.url('/close/4001'));
    const event = await closed(ws);
    expect(event.type).toBe('close');
    expect(event).toMatchObject({ code: 4001, reason: 'server bye', wasClean: true });
    expect(Object.prototype.toString.call(event)).toBe('[object CloseEvent]');
  });

  it('after a failure: 1006, no reason, not clean, even where the task reports the code it sent (1009)', async () => {
    const Small = createWebSocketClass(createSocketApi({ profile: 'wx', maxPayload: 10, warn: () => undefined }));
    const ws = new Small(server.url('/big'));
    const seen: string[] = [];
    ws.onerror = (event) => seen.push(`error ${(event as ErrorEvent).message}`);
    ws.onclose = (event) => {
      const { code, reason, wasClean } = event as CloseEvent;
      seen.push(`close ${code} '${reason}' ${wasClean}`);
    };
    await waitUntil(() => seen.length === 2);
    expect(seen[0]).toMatch(/^error /);
    expect(seen[1]).toBe("close 1006 '' false");
  });
});

describe('error event', () => {
  it('a refused handshake: error (with readyState CLOSED), then close 1006, not clean', async () => {
    const ws = new WS(server.url('/refuse'));
    const seen: string[] = [];
    ws.onerror = (event) => seen.push(`error ${ws.readyState} ${(event as ErrorEvent).message}`);
    ws.onclose = (event) => seen.push(`close ${(event as CloseEvent).code} ${(event as CloseEvent).wasClean}`);
    await waitUntil(() => seen.length === 2);
    expect(seen[0]).toMatch(/^error 3 connectSocket:fail .*403/);
    expect(seen[1]).toBe('close 1006 false');
  });
});

describe('no event after close', () => {
  it('after the close event nothing is dispatched; after close() no message is', async () => {
    const ws = await opened('/send-after-open');
    const seen: string[] = [];
    for (const type of ['open', 'message', 'error', 'close']) ws.addEventListener(type, () => seen.push(type));
    ws.close();
    await waitUntil(() => seen.includes('close'));
    ws.send('late');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['close']);
  });
});

describe('reconnect: a new instance per connection', () => {
  it('a library reconnecting from onclose gets a fresh socket each time, past the wx limit of 5', async () => {
    let opens = 0;
    await new Promise<void>((resolve) => {
      const connect = () => {
        const ws = new WS(server.url());
        ws.onopen = () => {
          opens++;
          ws.close();
        };
        ws.onclose = () => (opens === 8 ? resolve() : connect());
      };
      connect();
    });
    expect(opens).toBe(8);
  });

  it('a socket refused by the connection limit gets error, then close 1006', async () => {
    // An API object of its own, so the other tests' sockets do not count against its limit.
    const Limited = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));
    const five = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const ws = new Limited(server.url());
        await next(ws, 'open');
        return ws;
      })
    );
    const sixth = new Limited(server.url());
    const seen: string[] = [];
    sixth.onerror = (event) => seen.push((event as ErrorEvent).message);
    sixth.onclose = (event) => seen.push(`close ${(event as CloseEvent).code}`);
    await waitUntil(() => seen.length === 2);
    expect(seen).toEqual(['connectSocket:fail fail reach max websocket connect count 5', 'close 1006']);
    await Promise.all(
      five.map((ws) => {
        const done = closed(ws);
        ws.close();
        return done;
      })
    );
  });
});
