/** The wx seed's examples, run as written on the installed `wx` global against a real server. */
import { describe, expect, it } from 'vitest';
import { useServer, waitUntil } from '../profiles/helpers.js';
import { runExample, useSeedPlatform } from './run-example.js';

// 'test.php' is the seed's placeholder; no runtime can dial it (WeChat fails it as an invalid
// URL too, see the first test), so the runs below swap in a production-looking URL that
// installGlobals' routes send to the local server. Nothing else in the examples changes.
const PLACEHOLDER: [string, string] = ["'test.php'", "'wss://api.example.com/test.php'"];

describe('wx seed examples', () => {
  const server = useServer();
  const seed = useSeedPlatform('wx', { closeSocket: true, config: { warn: () => undefined } });
  const install = () => seed.install({ 'wss://api.example.com': server.server.url });

  it("onSocketError's example, verbatim: 'test.php' is not a URL, so onSocketError reports it", async () => {
    install();
    runExample('wx-on-error.js');
    await waitUntil(() => seed.output.texts().length > 0, 'a log line');
    expect(seed.output.texts()).toEqual(['WebSocket连接打开失败,请检查!']);
  });

  it("sendSocketMessage's example: messages queued before onSocketOpen are flushed in order, then sent directly", async () => {
    install();
    const ids = server.server.connections.length;
    const { exports } = runExample('wx-queue.js', { names: ['sendSocketMessage', 'socketOpen', 'socketMsgQueue'], replace: PLACEHOLDER });
    const send = exports.sendSocketMessage as (msg: string) => void;
    send('one');
    send('two');
    expect(exports.socketMsgQueue).toEqual(['one', 'two']);
    await waitUntil(() => exports.socketOpen === true, 'onSocketOpen');
    expect(exports.socketMsgQueue).toEqual([]);
    send('three');
    const connection = () => server.server.connections[ids];
    await waitUntil(() => (connection()?.messages.length ?? 0) === 3, 'three messages at the server');
    expect(connection()!.path).toBe('/test.php');
    expect(connection()!.messages.map((m) => m.data)).toEqual(['one', 'two', 'three']);
  });

  it("onSocketClose's example: closeSocket inside onSocketOpen closes, onSocketClose logs", async () => {
    install();
    const ids = server.server.connections.length;
    runExample('wx-close.js', { replace: PLACEHOLDER });
    await waitUntil(() => seed.output.texts().length > 0, 'a log line');
    expect(seed.output.texts()).toEqual(['WebSocket 已关闭!']);
    await waitUntil(() => server.server.connections[ids]?.closed !== undefined, 'the server to see the close');
    expect(server.server.connections[ids]!.closed).toEqual({ code: 1000, reason: '' });
  });

  it('the close-before-open warning holds for the global closeSocket: it cannot abort, the socket opens', async () => {
    const { api } = install();
    api.connectSocket({ url: 'wss://api.example.com/echo' });
    const result = await api.closeSocket()!.catch((r: unknown) => r);
    expect(result).toEqual({ errMsg: 'closeSocket:fail WebSocket is not connected', errCode: 10002 });
    const opened = await new Promise((resolve) => api.onSocketOpen(resolve));
    expect(opened).toHaveProperty('header');
  });
});
