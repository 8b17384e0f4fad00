/** Config domains, requireWss and routes (the console rules and the test routes), on a real server. */
import { describe, expect, it } from 'vitest';
import { createSocketApi } from '../../src/index.js';
import { applyRoutes } from '../../src/api/url-rules.js';
import { outcome, record, useApis, useServer } from './helpers.js';

describe('config.requireWss, config.domains and config.routes', () => {
  const server = useServer();
  const apis = useApis();
  const routes = () => ({ 'wss://api.example.com': server.server.url, 'wss://cdn.example.com:8443': server.server.url });

  it('requireWss refuses ws: URLs with a message naming the rule; wss: URLs dial', async () => {
    const api = apis.create({ profile: 'wx', requireWss: true, routes: routes() });
    const o = outcome();
    const refused = api.connectSocket({ url: server.url('/echo'), ...o });
    const events = record(refused);
    await o.settled();
    expect(o.calls[0]).toEqual([
      'fail',
      { errMsg: `connectSocket:fail wss required: "${server.url('/echo')}" is not a wss: URL`, errCode: 610011 }
    ]);
    expect(await events.wait('error')).toEqual(o.calls[0]![1]);
    const task = api.connectSocket({ url: 'wss://api.example.com/echo?id=wss-ok' });
    await record(task).wait('open');
    expect(server.server.log('wss-ok').handshakes[0]!.url).toBe('/echo?id=wss-ok');
  });

  it('domains: exact hosts, *.wildcards and host:port entries; others fail naming the host', async () => {
    const api = apis.create({
      profile: 'wx',
      domains: ['api.example.com', '*.cdn.example.com', 'wss://cdn.example.com:8443'],
      routes: routes()
    });
    for (const url of [
      'wss://evil.example.com/x',
      'wss://cdn.example.com/x',
      'wss://api.example.com:444/x',
      'wss://cdn.example.com.evil.org/x'
    ]) {
      const o = outcome();
      api.connectSocket({ url, ...o });
      await o.settled();
      const host = new URL(url).host;
      expect(o.calls[0]).toEqual([
        'fail',
        { errMsg: `connectSocket:fail url not in domain list: "${host}" is not in config.domains`, errCode: 610010 }
      ]);
    }
    const allowed = [
      api.connectSocket({ url: 'wss://api.example.com/echo?id=dom-1' }),
      api.connectSocket({ url: 'WSS://API.example.com/echo?id=dom-2' }),
      api.connectSocket({ url: 'wss://cdn.example.com:8443/echo?id=dom-3' })
    ];
    await Promise.all(allowed.map(record).map((e) => e.wait('open')));
    expect(server.server.log('dom-3').handshakes).toHaveLength(1);
  });

  it('routes keep the path and the query, data included', async () => {
    const api = apis.create({ profile: 'wx', routes: routes() });
    const task = api.connectSocket({ url: 'wss://api.example.com/echo/deep?id=route-q&x=1', data: { y: 2 } } as never);
    await record(task).wait('open');
    expect(server.server.log('route-q').handshakes[0]!.url).toBe('/echo/deep?id=route-q&x=1&y=2');
  });

  it('a route prefix matches only at a URL boundary; the longest wins', () => {
    const r = {
      'wss://a.example.com': 'ws://127.0.0.1:1',
      'wss://a.example.com/v2': 'ws://127.0.0.1:2/',
      'wss://b.example.com/': 'ws://127.0.0.1:3/'
    };
    expect(applyRoutes('wss://a.example.com/x?q=1', r)).toBe('ws://127.0.0.1:1/x?q=1');
    expect(applyRoutes('wss://a.example.com/v2/x', r)).toBe('ws://127.0.0.1:2/x');
    expect(applyRoutes('wss://a.example.community/x', r)).toBe('wss://a.example.community/x');
    expect(applyRoutes('wss://a.example.com:8443/x', r)).toBe('wss://a.example.com:8443/x');
    expect(applyRoutes('wss://b.example.com/x', r)).toBe('ws://127.0.0.1:3/x');
    expect(applyRoutes('wss://a.example.com/v20', r)).toBe('ws://127.0.0.1:1/v20');
  });

  it('bad config throws at createSocketApi, naming the setting', () => {
    expect(() => createSocketApi({ domains: ['wss://'] })).toThrow(/config\.domains/);
    expect(() => createSocketApi({ routes: { 'wss://a': 'http://x' } })).toThrow(/config\.routes\["wss:\/\/a"\]/);
    expect(() => createSocketApi({ profile: 'toString' as never })).toThrow(/unknown profile "toString"/);
  });
});
