/** The Taro seed's `.then(task => ...)` example, run as written on the installed `Taro` global. */
import { describe, expect, it } from 'vitest';
import { useServer, waitUntil } from '../profiles/helpers.js';
import { runExample, useSeedPlatform } from './run-example.js';

describe('Taro seed example', () => {
  const server = useServer();
  const seed = useSeedPlatform('taro');

  it('connect success, onOpen, send, the echo, close, onClose', async () => {
    seed.install({ 'ws://echo.websocket.org': server.server.url });
    const connection = server.server.connections.length;
    runExample('taro-then.js');
    await waitUntil(() => seed.output.texts().includes('onClose: '), 'onClose');
    expect(seed.output.texts()).toEqual(['connect success', 'onOpen', 'onMessage: ', 'onClose: ']);
    expect(seed.output.lines[2]!.args[1]).toEqual({ data: 'xxx' });
    expect(seed.output.lines[3]!.args[1]).toEqual({ code: 1000, reason: '' });
    expect(server.server.connections[connection]).toMatchObject({ path: '/echo', closed: { code: 1000, reason: '' } });
  });
});
