/**
 * uni-app x's error codes (its seed's tables), through the installed `uni` global:
 * 600009 invalid URL, 10001 send queue over 16 MiB, 10002 not connected, 602001 system
 * error; every fail result carries errSubject 'uni-websocket'.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { classifyWsError } from '../../src/engines/ws-errors.js';
import { wsEngine } from '../../src/engines/ws.js';
import type { Engine } from '../../src/index.js';
import { installGlobals, type UninstallGlobals } from '../../src/testing/index.js';
import { useServer, waitUntil } from '../profiles/helpers.js';

type Uni = UninstallGlobals<'uni'>['api'];
const uni = (): Uni => (globalThis as unknown as { uni: Uni }).uni;

/**
 * An engine whose dial fails as the operating system might when out of file descriptors
 * (EMFILE), classified by the real ws error mapping: a system error no loopback server
 * can cause on demand.
 */
const outOfDescriptors: Engine = {
  ...wsEngine,
  connect(request, sink) {
    const cause = Object.assign(new Error('connect EMFILE 127.0.0.1'), { code: 'EMFILE', syscall: 'connect' });
    setImmediate(() => {
      sink.error(classifyWsError(cause, request.maxPayload));
      sink.close(1006, '');
    });
    return { bufferedAmount: 0, send: () => undefined, close: () => undefined, abort: () => undefined };
  }
};

describe('uni-app x error codes', () => {
  const server = useServer();
  let uninstall: UninstallGlobals<'uni'> | undefined;
  afterEach(async () => {
    await uni()
      .closeSocket()
      ?.catch(() => undefined);
    uninstall?.();
  });

  it('600009: an invalid URL, on fail and on onSocketError', async () => {
    uninstall = installGlobals({ profile: 'uni' });
    const results: unknown[] = [];
    uni().onSocketError((r) => results.push(r));
    uni().connectSocket({ url: 'https://example.com', fail: (r) => results.push(r) });
    await waitUntil(() => results.length === 2, 'fail and onSocketError');
    for (const result of results) {
      expect(result).toEqual({
        errMsg: 'connectSocket:fail invalid url "https://example.com"',
        errCode: 600009,
        errSubject: 'uni-websocket'
      });
    }
  });

  it('10002: sending before the socket is open', async () => {
    uninstall = installGlobals({ profile: 'uni', routes: { 'wss://api.example.com': server.server.url } });
    uni().connectSocket({ url: 'wss://api.example.com/echo' });
    const result = await uni()
      .sendSocketMessage({ data: 'early' })!
      .catch((r: unknown) => r);
    expect(result).toEqual({ errMsg: 'sendSocketMessage:fail WebSocket is not connected', errCode: 10002, errSubject: 'uni-websocket' });
  });

  it('10001: a send that would queue over 16 MiB fails, then the connection is closed', async () => {
    uninstall = installGlobals({ profile: 'uni', routes: { 'wss://api.example.com': server.server.url } });
    const events: Array<[string, unknown]> = [];
    uni().onSocketError((r) => events.push(['error', r]));
    uni().onSocketClose((r) => events.push(['close', r]));
    uni().connectSocket({ url: 'wss://api.example.com/stop-reading' });
    await new Promise((resolve) => uni().onSocketOpen(resolve));
    const result = await uni()
      .sendSocketMessage({ data: new ArrayBuffer(16 * 1024 * 1024 + 1) })!
      .catch((r: unknown) => r);
    expect(result).toMatchObject({ errCode: 10001, errSubject: 'uni-websocket' });
    expect((result as { errMsg: string }).errMsg).toMatch(/^sendSocketMessage:fail send queue exceeds 16 MiB/);
    await waitUntil(() => events.length === 2, 'error then close');
    expect(events[0]).toEqual(['error', expect.objectContaining({ errCode: 10001, errSubject: 'uni-websocket' })]);
    expect(events[1]).toEqual(['close', expect.objectContaining({ code: 1006 })]);
  });

  it('602001: a system error from the engine, with its cause, on onSocketError', async () => {
    uninstall = installGlobals({ profile: 'uni', config: { engine: outOfDescriptors } });
    const events: Array<[string, unknown]> = [];
    uni().onSocketError((r) => events.push(['error', r]));
    uni().onSocketClose((r) => events.push(['close', r]));
    uni().connectSocket({ url: 'wss://api.example.com/echo' });
    await waitUntil(() => events.length === 2, 'error then close');
    expect(events[0]).toEqual([
      'error',
      expect.objectContaining({ errMsg: 'connectSocket:fail system error: EMFILE', errCode: 602001, errSubject: 'uni-websocket' })
    ]);
    expect((events[0]![1] as { cause: unknown }).cause).toBeInstanceOf(Error);
    expect(events[1]).toEqual(['close', { code: 1006, reason: '' }]);
  });
});
