/**
 * The facade over each profile's API object: it type-checks with every profile's
 * connectSocket (Taro's Promise, Alipay's task-or-undefined), and a connection opens,
 * echoes and closes cleanly under each.
 */
import { describe, expect, it } from 'vitest';
import { createSocketApi, createWebSocketClass, type ProfileName } from '../../src/index.js';
import { next, startFacadeServer } from './helpers.js';

const PROFILES: ProfileName[] = ['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my'];

describe('createWebSocketClass over every profile', () => {
  for (const profile of PROFILES) {
    it(`${profile}: opens, echoes binary exactly, closes with the code given`, async () => {
      const server = await startFacadeServer();
      try {
        const WS = createWebSocketClass(createSocketApi({ profile, warn: () => undefined }));
        const ws = new WS(server.url(), ['chat']);
        ws.binaryType = 'arraybuffer';
        await next(ws, 'open');
        expect(ws.protocol).toBe('chat');
        ws.send(new Uint8Array([5, 6, 7, 8]).subarray(1, 3));
        const echoed = (await next<MessageEvent>(ws, 'message')).data as ArrayBuffer;
        expect([...new Uint8Array(echoed)]).toEqual([6, 7]);
        const closed = next<CloseEvent>(ws, 'close');
        ws.close(4100, profile);
        expect(await closed).toMatchObject({ code: 4100, reason: profile, wasClean: true });
      } finally {
        await server.stop();
      }
    });
  }

  it('type-checks with each profile-typed API object', () => {
    const classes = [
      createWebSocketClass(createSocketApi({ profile: 'taro' })),
      createWebSocketClass(createSocketApi({ profile: 'my' })),
      createWebSocketClass(createSocketApi({ profile: 'tt' })),
      createWebSocketClass(createSocketApi())
    ];
    expect(classes.map((c) => c.OPEN)).toEqual([1, 1, 1, 1]);
    expect(() => createWebSocketClass({} as never)).toThrow(TypeError);
  });
});
