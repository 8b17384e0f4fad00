/** The swan seed's examples, each run as written on the installed `swan` global. */
import { describe, expect, it } from 'vitest';
import { useServer, waitUntil } from '../profiles/helpers.js';
import { runExample, useSeedPlatform } from './run-example.js';

describe('swan seed examples', () => {
  const server = useServer();
  const seed = useSeedPlatform('swan', { closeSocket: true });
  /** Installs `swan` with 'wss://example.baidu.com' routed to `path` on the test server. */
  const install = (path = '') => seed.install({ 'wss://example.baidu.com': server.server.url + path });
  const newConnection = () => {
    const index = server.server.connections.length;
    return () => server.server.connections[index];
  };

  it('connectSocket: dials the URL', async () => {
    install();
    const connection = newConnection();
    runExample('swan-connect.js');
    await waitUntil(() => connection() !== undefined, 'the connection');
  });

  it('onSocketOpen: logs with the response header', async () => {
    install();
    runExample('swan-on-open.js');
    await waitUntil(() => seed.output.lines.length > 0, 'the log');
    const [text, header] = seed.output.lines[0]!.args as [string, Record<string, string>];
    expect(text).toBe('WebSocket连接已打开！');
    expect(header.upgrade).toBe('websocket');
  });

  it('onSocketError: a server that refuses the upgrade reaches onSocketError', async () => {
    install('/status/503');
    runExample('swan-on-error.js');
    await waitUntil(() => seed.output.lines.length > 0, 'the log');
    expect(seed.output.texts()).toEqual(['WebSocket连接打开失败，请检查！']);
  });

  it('sendSocketMessage in onSocketOpen: the server gets "baidu"', async () => {
    install();
    const connection = newConnection();
    runExample('swan-send.js');
    await waitUntil(() => connection()?.messages.length === 1, 'the message');
    expect(connection()!.messages[0]).toMatchObject({ type: 'text', data: 'baidu' });
  });

  it('onSocketMessage: the echo is logged', async () => {
    install();
    runExample('swan-on-message.js');
    await waitUntil(() => seed.output.lines.length > 0, 'the log');
    expect(seed.output.lines[0]!.args).toEqual(['收到服务器内容：', 'baidu']);
  });

  it('closeSocket in onSocketOpen closes with 1000', async () => {
    install();
    const connection = newConnection();
    runExample('swan-close.js');
    await waitUntil(() => connection()?.closed !== undefined, 'the close');
    expect(connection()!.closed).toEqual({ code: 1000, reason: '' });
  });

  it('onSocketClose (registered before onSocketOpen) logs once closed', async () => {
    install();
    runExample('swan-on-close.js');
    await waitUntil(() => seed.output.lines.length > 0, 'the log');
    expect(seed.output.texts()).toEqual(['WebSocket 已关闭！']);
  });
});
