/**
 * The facade where the runtime has no EventTarget, Event, MessageEvent, CloseEvent,
 * ErrorEvent, DOMException or Blob (a mini-program's JavaScript runtime): the minimal
 * spec-shaped classes stand in, errors keep WHATWG's names, binaryType is 'arraybuffer'.
 * And without URL, the pattern that stands in for the URL parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi, createWebSocketClass } from '../../src/index.js';
import { parseUrl } from '../../src/websocket/validate.js';
import { waitUntil } from '../support/wait.js';
import { startFacadeServer, type FacadeServer } from './helpers.js';

const MISSING = ['EventTarget', 'Event', 'MessageEvent', 'CloseEvent', 'ErrorEvent', 'DOMException', 'Blob'] as const;
const g = globalThis as Record<string, unknown>;
const saved = new Map(MISSING.map((name) => [name, g[name]]));
let server: FacadeServer;
let WS: ReturnType<typeof createWebSocketClass>;

beforeAll(async () => {
  server = await startFacadeServer();
  for (const name of MISSING) delete g[name];
  WS = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));
});
afterAll(async () => {
  for (const [name, value] of saved) g[name] = value;
  await server.stop();
});

const caught = (fn: () => unknown): Error & { code?: number } => {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: number };
  }
  throw new Error('did not throw');
};

describe('without the DOM globals', () => {
  it('runs a whole connection on the minimal EventTarget and events, in WHATWG order', async () => {
    expect(typeof g.EventTarget).toBe('undefined');
    const ws = new WS(server.url());
    expect(ws.binaryType).toBe('arraybuffer');
    ws.binaryType = 'blob';
    expect(ws.binaryType).toBe('arraybuffer');
    const seen: unknown[] = [];
    ws.onopen = (event) => {
      seen.push([event.type, event.target === ws, event.currentTarget === ws, event.eventPhase]);
      ws.send('text');
      ws.send(new Uint8Array([1, 2, 3]).subarray(1));
    };
    ws.addEventListener('message', (event) => seen.push(['once', (event as MessageEvent).data]), { once: true });
    ws.addEventListener('message', {
      handleEvent(event: Event) {
        const { data, origin } = event as MessageEvent;
        seen.push(['message', data instanceof ArrayBuffer ? [...new Uint8Array(data)] : data, origin === new URL(server.url()).origin]);
        if (data instanceof ArrayBuffer) ws.close(4000, 'done');
      }
    });
    ws.onclose = (event) => {
      const { code, reason, wasClean, type } = event as CloseEvent;
      seen.push([type, code, reason, wasClean, Object.prototype.toString.call(event)]);
    };
    await waitUntil(() => seen.length === 5);
    expect(seen).toEqual([
      ['open', true, true, 2],
      ['once', 'text'],
      ['message', 'text', true],
      ['message', [2, 3], true],
      ['close', 4000, 'done', true, '[object CloseEvent]']
    ]);
  });

  it('throws Errors named as WHATWG names them, with the legacy codes', async () => {
    const syntax = caught(() => new WS('ftp://127.0.0.1/'));
    expect(syntax).toBeInstanceOf(Error);
    expect([syntax.name, syntax.code]).toEqual(['SyntaxError', 12]);
    const ws = new WS(server.url());
    const state = caught(() => ws.send('x'));
    expect([state.name, state.code]).toEqual(['InvalidStateError', 11]);
    const access = caught(() => ws.close(1001));
    expect([access.name, access.code]).toEqual(['InvalidAccessError', 15]);
    ws.close();
  });

  it('reports a listener that throws without stopping the others', async () => {
    const ws = new WS(server.url('/send-after-open'));
    const seen: string[] = [];
    const reported: unknown[] = [];
    const onUncaught = (error: unknown) => reported.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      ws.addEventListener('message', () => {
        throw new Error('listener bug');
      });
      ws.addEventListener('message', (event) => seen.push((event as MessageEvent).data as string));
      await waitUntil(() => seen.length === 2 && reported.length === 2);
      expect(seen).toEqual(['one', 'two']);
      expect((reported[0] as Error).message).toBe('listener bug');
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      ws.close();
    }
  });

  it('parses ws/wss/http/https URLs without URL, and refuses the rest with SyntaxError', () => {
    const URLClass = g.URL;
    delete g.URL;
    try {
      expect(parseUrl(' HTTP://Example.COM:8080?q=1 ')).toEqual({ href: 'ws://example.com:8080/?q=1', origin: 'ws://example.com:8080' });
      expect(parseUrl('wss://h/path').href).toBe('wss://h/path');
      for (const bad of ['ftp://h/', 'ws://h/#x', '/relative', 'ws://', 'ws://h h/']) {
        expect(caught(() => parseUrl(bad)).name, bad).toBe('SyntaxError');
      }
    } finally {
      g.URL = URLClass;
    }
  });
});
