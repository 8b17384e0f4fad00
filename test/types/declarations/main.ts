// minisocket's declarations on their own: lib ES2022, no DOM, no Node types, every
// moduleResolution (node10, node16, nodenext, bundler). Compiled by test/types/types.test.ts:
// everything must compile, and each @ts-expect-error line must be an error.
import minisocket, {
  connectSocket,
  createSocketApi,
  sendSocketMessage,
  ErrCode,
  type GeneralCallbackResult,
  type MySocketError,
  type ReconnectingSocketTask,
  type SocketApiFor,
  type SocketTask,
  type TaroSocketTask,
  type UniSocketError,
  type WebSocketLike
} from 'minisocket';

// A plain task, a reconnecting one, and `reconnect: false` (a plain task at runtime too).
const plain: SocketTask = connectSocket({ url: 'wss://example.com' });
const live: ReconnectingSocketTask = connectSocket({ url: 'wss://example.com', reconnect: { maxAttempts: 3 } });
const beating: ReconnectingSocketTask = minisocket.connectSocket({ url: 'wss://example.com', heartbeat: true });
const off = connectSocket({ url: 'wss://example.com', reconnect: false, heartbeat: false });
live.onReconnecting(({ attempt, delay }) => void [attempt, delay]);
// @ts-expect-error reconnect: false gives a plain task, without reconnect events
off.onReconnecting(() => undefined);
// @ts-expect-error heartbeat: false too
connectSocket({ url: 'wss://example.com', heartbeat: false }).onGiveUp(() => undefined);

// onMessage<T>: the caller says which kind of message the server sends.
plain.onMessage<string>(({ data }) => data.toUpperCase());
plain.onMessage(({ data }) => (typeof data === 'string' ? data.length : data.byteLength));
// @ts-expect-error without T, data may be an ArrayBuffer
plain.onMessage(({ data }) => data.toUpperCase());

// The global functions: a Promise when no callback is passed, nothing otherwise.
async function globals(): Promise<void> {
  const sent: GeneralCallbackResult = await sendSocketMessage({ data: 'x' });
  // biome-ignore lint/suspicious/noConfusingVoidType: the assertion is that the type is void
  const none: void = sendSocketMessage({ data: 'x', fail: (e) => void e.errCode });
  // @ts-expect-error with a callback there is no Promise
  await sendSocketMessage({ data: 'x', complete: () => undefined }).then(() => undefined);
  const closed: GeneralCallbackResult = await minisocket.closeSocket();
  void [sent, none, closed];
}

// Per profile.
const taro = createSocketApi({ profile: 'taro' });
const taroTask: Promise<TaroSocketTask> = taro.connectSocket({ url: 'wss://example.com' });
// @ts-expect-error Taro's connectSocket returns a Promise
const notSync: SocketTask = taro.connectSocket({ url: 'wss://example.com' });
const tt = createSocketApi({ profile: 'tt' });
// @ts-expect-error tt has no global socket functions
tt.sendSocketMessage({ data: 'x' });
const my = createSocketApi({ profile: 'my' });
my.connectSocket({ url: 'wss://example.com', fail: (e: MySocketError) => void [e.error.toFixed(), e.errorMessage.trim()] });
void my.sendSocketMessage({ data: 'x' }).then((r) => r.success);
void my.closeSocket().then((r) => r.message);
// @ts-expect-error Alipay's global socket returns no task
my.connectSocket({ url: 'wss://example.com' }).send({ data: 'x' });
const uni = createSocketApi({ profile: 'uni' });
uni.onSocketError((e: UniSocketError) => void e.errSubject.length);
const wx: SocketApiFor<'wx'> = createSocketApi({ profile: 'wx' });
// @ts-expect-error an unknown profile name
createSocketApi({ profile: 'qq' });

// The WHATWG constructor option is structural: no DOM library needed.
class LoopWebSocket implements WebSocketLike {
  binaryType = 'arraybuffer';
  readonly bufferedAmount = 0;
  readonly readyState = 0;
  constructor(readonly url: string) {}
  send(data: string | ArrayBuffer): void {
    void data;
  }
  close(): void {}
}
createSocketApi({ profile: 'wx', WebSocket: LoopWebSocket }).connectSocket({ url: 'wss://example.com' });
// @ts-expect-error not a WebSocket constructor
createSocketApi({ WebSocket: Date });

void [globals, taroTask, notSync, wx, beating, ErrCode.NOT_CONNECTED];
