// A Taro app's code, typed only with @tarojs/taro (with the DOM library, as Taro projects
// have), handed minisocket where it expects `Taro`. Compiled by test/types/types.test.ts:
// everything must compile, and each @ts-expect-error line must be an error.
import type Taro from '@tarojs/taro';
import { createSocketApi } from 'minisocket';

/**
 * Taro's SocketTask minus `ws`: Taro types the browser's WebSocket object on every task,
 * though only its H5 build has one (docs/typescript.md).
 */
type TaroTask = Omit<Taro.SocketTask, 'ws'>;

type TaroSocket = Pick<
  Taro.TaroStatic,
  'sendSocketMessage' | 'closeSocket' | 'onSocketOpen' | 'onSocketMessage' | 'onSocketError' | 'onSocketClose'
> & {
  connectSocket(option: Taro.connectSocket.Option): Promise<TaroTask>;
};

/** The app's chat module: written for `Taro`, given minisocket in tests. */
async function startChat(api: TaroSocket, url: string): Promise<TaroTask> {
  const task = await api.connectSocket({
    url,
    header: { 'content-type': 'application/json' },
    protocols: ['chat'],
    success: (r) => console.log(r.errMsg)
  });
  console.log(task.socketTaskId, task.readyState === task.OPEN, task.errMsg);
  task.onOpen((res) => {
    console.log(res.header);
    task.send({ data: 'hello', fail: (r) => console.log(r.errMsg) });
  });
  task.onMessage<string>((res) => console.log(res.data.toUpperCase()));
  task.onError((res) => console.log(res.errMsg));
  task.onClose((res) => {
    console.log(res.code, res.reason);
    task.close({ code: 1000 });
  });
  return task;
}

/** The deprecated global functions, still typed by Taro. */
async function globalChat(api: TaroSocket): Promise<void> {
  api.onSocketOpen((res) => console.log(res.header));
  api.onSocketMessage<ArrayBuffer>((res) => console.log(res.data.byteLength));
  api.onSocketError((res) => console.log(res.errMsg));
  api.onSocketClose((res) => console.log(res.code));
  const sent: TaroGeneral.CallbackResult = await api.sendSocketMessage({ data: 'hi' });
  const closed: TaroGeneral.CallbackResult = await api.closeSocket();
  console.log(sent.errMsg, closed.errMsg);
}

const taro = createSocketApi({ profile: 'taro' });
const socket: TaroSocket = taro;
const taskFor = (task: TaroTask): TaroTask => task;
void startChat(socket, 'wss://chat.example.com');
void globalChat(taro);
void taro.connectSocket({ url: 'wss://chat.example.com' }).then(taskFor);

// @ts-expect-error Taro's `ws` (the browser's WebSocket, H5 only) is not on a minisocket task
const withWs: Promise<Taro.SocketTask> = taro.connectSocket({ url: 'wss://chat.example.com' });
// @ts-expect-error connectSocket returns a Promise, not the task
const notATask: TaroTask = taro.connectSocket({ url: 'wss://chat.example.com' });
void [withWs, notATask];
