/**
 * installGlobals' guard against accidental network, and `merge` for a global that other
 * tools (miniprogram-simulate, hand-made mocks) already own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocketApi } from '../../src/index.js';
import { createTestServer, installGlobals, type TestServer } from '../../src/testing/index.js';
import { isLoopback } from '../../src/testing/network-guard.js';

const scope = globalThis as Record<string, unknown>;
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

/** The events a wx-style task reports until it closes. */
function outcome(wx: SocketApi, url: string): Promise<Array<[string, unknown]>> {
  return new Promise((resolve) => {
    const events: Array<[string, unknown]> = [];
    const task = wx.connectSocket({ url });
    task.onOpen(() => {
      events.push(['open', undefined]);
      task.close({});
    });
    task.onError((error) => events.push(['error', error]));
    task.onClose(({ code }) => {
      events.push(['close', code]);
      resolve(events);
    });
  });
}

describe('no accidental network', () => {
  it('refuses a URL that no route covers and is not loopback, naming the URL and the routes option', async () => {
    const warnings: string[] = [];
    const uninstall = installGlobals({
      profile: 'wx',
      routes: { 'wss://api.example.com': server.url },
      config: { warn: (m) => warnings.push(m) }
    });
    try {
      const events = await outcome(uninstall.api, 'wss://cdn.example.org/live?x=1');
      const errMsg =
        "connectSocket:fail connection refused: minisocket/testing refused wss://cdn.example.org/live?x=1: it is not loopback and no route covers it. Route it to your test server with installGlobals({ routes: { 'wss://cdn.example.org': server.url } }), or pass allowNetwork: true";
      expect(events).toEqual([
        ['error', { errMsg, errCode: 610021 }],
        ['close', 1006]
      ]);
      expect(warnings).toEqual([errMsg.replace('connectSocket:fail connection refused: ', '')]);
      expect(server.handshakes).toEqual([]);
      // Routed and loopback URLs go through.
      expect((await outcome(uninstall.api, 'wss://api.example.com/a'))[0]).toEqual(['open', undefined]);
      expect((await outcome(uninstall.api, `ws://localhost:${server.port}/b`))[0]).toEqual(['open', undefined]);
    } finally {
      uninstall();
    }
  });

  it('allowNetwork: true lets such a URL through (0.0.0.0 is no loopback name, yet Linux dials it locally)', async () => {
    const url = `ws://0.0.0.0:${server.port}/unrouted`;
    const guarded = installGlobals({ profile: 'wx', config: { warn: () => undefined } });
    try {
      expect((await outcome(guarded.api, url))[0]?.[0]).toBe('error');
    } finally {
      guarded();
    }
    const open = installGlobals({ profile: 'wx', allowNetwork: true });
    try {
      expect((await outcome(open.api, url))[0]).toEqual(['open', undefined]);
      expect(server.handshakes.at(-1)?.path).toBe('/unrouted');
    } finally {
      open();
    }
  });

  it('knows loopback when it sees it', () => {
    for (const url of ['ws://127.0.0.1:1/x', 'ws://127.9.8.7/', 'ws://localhost:80', 'wss://app.localhost/', 'ws://[::1]:8080/'])
      expect(isLoopback(url)).toBe(true);
    for (const url of ['wss://api.example.com', 'ws://10.0.0.1/', 'ws://[::2]/', 'ws://128.0.0.1/', 'ws://localhost.example.com/'])
      expect(isLoopback(url)).toBe(false);
  });
});

describe('merge', () => {
  it('adds the socket functions to the object already there, and puts back what they replaced', () => {
    const request = (): string => 'mocked request';
    const oldConnect = (): string => 'old';
    const existing = { request, connectSocket: oldConnect };
    scope.wx = existing;
    try {
      const uninstall = installGlobals({ profile: 'wx', merge: true });
      expect(scope.wx).toBe(existing);
      expect(existing.connectSocket).toBe(uninstall.api.connectSocket);
      expect((existing as Record<string, unknown>).onSocketOpen).toBe(uninstall.api.onSocketOpen);
      expect(existing.request).toBe(request);
      expect('profile' in existing).toBe(false);
      uninstall();
      expect(existing.connectSocket).toBe(oldConnect);
      expect('onSocketOpen' in existing).toBe(false);
      expect(Object.keys(existing)).toEqual(['request', 'connectSocket']);
    } finally {
      delete scope.wx;
    }
  });

  it('installs a new global when there is none to merge into', () => {
    const uninstall = installGlobals({ profile: 'wx', merge: true });
    expect(scope.wx).toBe(uninstall.api);
    uninstall();
    expect('wx' in scope).toBe(false);
  });
});
