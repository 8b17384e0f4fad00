/** installGlobals: the platform's global name, routes, and a restore that puts back what was there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, installGlobals, type TestServer } from '../../src/testing/index.js';
import { record } from './helpers.js';

const scope = globalThis as Record<string, unknown>;

describe('installGlobals', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it('installs each profile under its platform name and removes it again', () => {
    const names = { wx: 'wx', tt: 'tt', swan: 'swan', uni: 'uni', taro: 'Taro', standard: 'minisocket' } as const;
    for (const [profile, name] of Object.entries(names)) {
      expect(name in scope).toBe(false);
      const uninstall = installGlobals({ profile: profile as keyof typeof names });
      expect(uninstall.globalName).toBe(name);
      expect(scope[name]).toBe(uninstall.api);
      expect(uninstall.api.profile).toBe(profile);
      uninstall();
      uninstall(); // twice is harmless
      expect(name in scope).toBe(false);
    }
  });

  it('restores what was there before, even when installs nest', () => {
    const mine = { request: () => 'mock' };
    scope.wx = mine;
    try {
      const outer = installGlobals({ profile: 'wx' });
      const inner = installGlobals({ profile: 'wx' });
      expect(scope.wx).toBe(inner.api);
      inner();
      expect(scope.wx).toBe(outer.api);
      outer();
      expect(scope.wx).toBe(mine);
    } finally {
      delete scope.wx;
    }
  });

  it('routes production URLs to the local server, keeping path and query; config rules still see the original URL', async () => {
    const uninstall = installGlobals({
      profile: 'wx',
      routes: { 'wss://api.example.com': server.url },
      config: { domains: ['api.example.com'], requireWss: true, maxConnections: 1 }
    });
    try {
      const wx = scope.wx as typeof uninstall.api;
      const task = wx.connectSocket({ url: 'wss://api.example.com/echo?id=ig-1&room=7' });
      await record(task).wait('open');
      expect(server.log('ig-1').handshakes[0]).toMatchObject({ path: '/echo', url: '/echo?id=ig-1&room=7' });
      const refused = await new Promise((resolve) => wx.connectSocket({ url: 'wss://other.example.com/x', fail: resolve }));
      expect(refused).toMatchObject({ errCode: 610010 });
      const limited = await new Promise((resolve) => wx.connectSocket({ url: 'wss://api.example.com/echo', fail: resolve }));
      expect(limited).toMatchObject({ errMsg: 'connectSocket:fail fail reach max websocket connect count 1' });
      expect(await wx.closeSocket()).toEqual({ errMsg: 'closeSocket:ok' });
    } finally {
      uninstall();
    }
  });

  it('refuses an unknown profile or bad routes at install time', () => {
    expect(() => installGlobals({ profile: 'qq' as never })).toThrow(/unknown profile "qq"/);
    expect(() => installGlobals({ profile: 'wx', routes: { 'wss://a': 'http://b' } })).toThrow(/config\.routes/);
    expect('wx' in scope).toBe(false);
  });
});
