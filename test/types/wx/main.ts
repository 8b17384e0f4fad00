// A WeChat mini-program's code, typed only with miniprogram-api-typings (lib ES2022, no DOM,
// no Node types), handed minisocket where it expects `wx`. Compiled by test/types/types.test.ts:
// everything must compile, and each @ts-expect-error line must be an error.
import { createSocketApi } from 'minisocket';

type WxSocket = Pick<
  WechatMiniprogram.Wx,
  'connectSocket' | 'sendSocketMessage' | 'closeSocket' | 'onSocketOpen' | 'onSocketMessage' | 'onSocketError' | 'onSocketClose'
>;

/** The app's chat module: written for `wx`, given minisocket in tests. */
function startChat(api: WxSocket, url: string): WechatMiniprogram.SocketTask {
  const task = api.connectSocket({ url, header: { 'x-user': 'u1' }, protocols: ['chat'], tcpNoDelay: true });
  task.onOpen((res) => {
    // WeChat's result type says `profile` is there (minisocket sets it on Node).
    console.log('open', res.header, res.profile.cost);
    task.send({ data: 'hello', success: (r) => console.log(r.errMsg) });
  });
  task.onMessage((res) => console.log(typeof res.data === 'string' ? res.data : res.data.byteLength));
  task.onError((res) => console.log(res.errMsg));
  task.onClose((res) => console.log(res.code, res.reason));
  return task;
}

/** The same module with the global functions. */
async function globalChat(api: WxSocket): Promise<void> {
  api.connectSocket({ url: 'wss://chat.example.com' });
  api.onSocketOpen((res) => console.log(res.header));
  api.onSocketMessage((res) => console.log(res.data));
  api.onSocketError((res) => console.log(res.errMsg));
  api.onSocketClose((res) => console.log(res.code));
  const sent: WechatMiniprogram.GeneralCallbackResult = await api.sendSocketMessage({ data: 'hi' });
  api.sendSocketMessage({ data: new ArrayBuffer(2), fail: (r) => console.log(r.errMsg) });
  await api.closeSocket({ code: 1000 });
  console.log(sent.errMsg);
}

const wx = createSocketApi({ profile: 'wx', routes: { 'wss://chat.example.com': 'ws://127.0.0.1:8080' } });
const socket: WxSocket = wx;
const task: WechatMiniprogram.SocketTask = startChat(wx, 'wss://chat.example.com');
void globalChat(socket);
void task;

// minisocket's own types say what WeChat's leave out.
const own = wx.connectSocket({ url: 'wss://chat.example.com' });
own.onOpen((res) => console.log(res.profile?.rtt));
own.onMessage<string>((res) => console.log(res.data.length));
own.onError((res) => console.log(res.errCode));
const byCallback = wx.sendSocketMessage({ data: 'x', success: () => undefined });
// @ts-expect-error with a callback there is no Promise
void byCallback.then;
// @ts-expect-error data is a string or an ArrayBuffer
own.send({ data: 42 });
// @ts-expect-error a task without reconnect has no reconnect events
own.onReconnecting(() => undefined);
// @ts-expect-error a minisocket task is not WeChat's TCPSocket
const notTcp: WechatMiniprogram.TCPSocket = own;
void notTcp;
