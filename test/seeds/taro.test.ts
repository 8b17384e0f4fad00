/** The Taro seed's `.then(task => ...)` example, run as written on the installed `Taro` global. */
import { afterEach, describe, expect, it } from 'vitest';
import { installGlobals, type UninstallGlobals } from '../../src/testing/index.js';
import { useServer, waitUntil } from '../profiles/helpers.js';
import { captureConsole, runExample } from './run-example.js';

describe('Taro seed example', () => {
  const server = useServer();
  let uninstall: UninstallGlobals<'taro'> | undefined;
  let output: ReturnType<typeof captureConsole> | undefined;
  afterEach(() => {
    output?.restore();
    uninstall?.();
  });

  it('connect success, onOpen, send, the echo, close, onClose', async () => {
    uninstall = installGlobals({ profile: 'taro', routes: { 'ws://echo.websocket.org': server.server.url } });
    output = captureConsole();
    const connection = server.server.connections.length;
    runExample('taro-then.js');
    await waitUntil(() => output!.texts().includes('onClose: '), 'onClose');
    expect(output!.texts()).toEqual(['connect success', 'onOpen', 'onMessage: ', 'onClose: ']);
    expect(output!.lines[2]!.args[1]).toEqual({ data: 'xxx' });
    expect(output!.lines[3]!.args[1]).toEqual({ code: 1000, reason: '' });
    expect(server.server.connections[connection]).toMatchObject({ path: '/echo', closed: { code: 1000, reason: '' } });
  });
});
