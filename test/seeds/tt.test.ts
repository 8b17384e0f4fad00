/** The tt seed's page example, run as written on the installed `tt` global, without the page framework. */
import { describe, expect, it } from 'vitest';
import { useServer, waitUntil } from '../profiles/helpers.js';
import { runExample, useSeedPlatform } from './run-example.js';

interface PageInstance {
  data: { inputValue: string };
  setData(patch: object): void;
  socketConnect(): void;
  closeSocket(): void;
  sendSocket(): void;
  inputChange(e: { detail: { value: string } }): void;
}

/** The little of Page() the example touches: its object, with `data` and `setData`. */
function pageStandIn(): { Page: (definition: PageInstance) => void; page(): PageInstance } {
  let page: PageInstance | undefined;
  return {
    Page(definition) {
      page = definition;
      page.setData = (patch) => Object.assign(page!.data, patch);
    },
    page: () => page!
  };
}

describe('tt seed: the page example', () => {
  const server = useServer();
  const seed = useSeedPlatform('tt');

  it('connects, sends what was typed, receives it, closes; a second connect is a no-op', async () => {
    seed.install({ 'wss://someurl': server.server.url });
    expect((globalThis as { tt?: { sendSocketMessage?: unknown } }).tt?.sendSocketMessage).toBeUndefined();
    const standIn = pageStandIn();
    runExample('tt-page.js', { params: { Page: standIn.Page } });
    const page = standIn.page();
    const handshakes = server.server.handshakes.length;
    const logged = (text: string) => seed.output.lines.filter((line) => line.args[0] === text);

    page.socketConnect();
    await waitUntil(() => logged('WebSocket 已连接').length === 1, 'the open log');
    expect(logged('创建成功')[0]!.args[1]).toEqual({ errMsg: 'connectSocket:ok', socketTaskId: 1 });
    expect(logged('创建完毕')[0]!.args[1]).toBe(logged('创建成功')[0]!.args[1]);
    page.socketConnect(); // "如果已经创建,就不再创建了"

    page.inputChange({ detail: { value: '你好 tt' } });
    page.sendSocket();
    await waitUntil(() => logged('socket message:').length === 1, 'the echo');
    expect(logged('socket message:')[0]!.args[1]).toEqual({ data: '你好 tt' });
    expect(logged('send success')[0]!.args[1]).toEqual({ errMsg: 'sendSocketMessage:ok' });

    page.closeSocket();
    await waitUntil(() => logged('WebSocket 已断开').length === 1, 'the close log');
    expect(logged('close success')[0]!.args[1]).toEqual({ errMsg: 'closeSocket:ok' });
    expect(server.server.handshakes.length - handshakes).toBe(1);
    expect(seed.output.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(seed.output.texts()).toEqual([
      '创建成功',
      '创建完毕',
      'WebSocket 已连接',
      '---- send',
      'send success',
      'socket message:',
      '---- close',
      'close success',
      'WebSocket 已断开'
    ]);
  });
});
