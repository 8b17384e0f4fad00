/**
 * The facade over each profile's API object: it type-checks with every profile's
 * connectSocket (Taro's Promise, Alipay's task-or-undefined), and a connection opens,
 * echoes and closes cleanly under each.
 */
import { describe, expect, it } from 'vitest';
import { createSocketApi, createWebSocketClass, type ProfileName } from '../../src/index.js';
import { waitUntil } from '../support/wait.js';
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

  it("a connectSocket from elsewhere (a platform's own): the public SocketTask surface alone carries sends, bufferedAmount and close", async () => {
    const server = await startFacadeServer();
    try {
      const api = createSocketApi({ profile: 'wx', warn: () => undefined });
      // Only what a platform's SocketTask documents; not one of minisocket's own tasks.
      const foreign = {
        connectSocket(options: Parameters<typeof api.connectSocket>[0]) {
          const task = api.connectSocket(options);
          return {
            get readyState() {
              return task.readyState;
            },
            send: (o: Parameters<typeof task.send>[0]) => task.send(o),
            close: (o?: Parameters<typeof task.close>[0]) => task.close(o),
            onOpen: (f: Parameters<typeof task.onOpen>[0]) => task.onOpen(f),
            onMessage: (f: Parameters<typeof task.onMessage>[0]) => task.onMessage(f),
            onError: (f: Parameters<typeof task.onError>[0]) => task.onError(f),
            onClose: (f: Parameters<typeof task.onClose>[0]) => task.onClose(f)
          };
        }
      };
      const WS = createWebSocketClass(foreign as unknown as typeof api);
      const ws = new WS(server.url());
      await next(ws, 'open');
      const seen: string[] = [];
      ws.onmessage = (event) => seen.push(event.data as string);
      ws.send('one'); // alone: handed over at once, with its confirmation
      ws.send('two'); // the rest of this run: one batch
      ws.send('three');
      expect(ws.bufferedAmount).toBe(11);
      await waitUntil(() => seen.length === 3 && ws.bufferedAmount === 0);
      expect(seen).toEqual(['one', 'two', 'three']);
      const closed = next<CloseEvent>(ws, 'close');
      ws.close(4200, 'foreign');
      expect(await closed).toMatchObject({ code: 4200, reason: 'foreign', wasClean: true });
    } finally {
      await server.stop();
    }
  });

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
