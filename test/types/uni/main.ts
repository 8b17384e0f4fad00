// A uni-app page's code, typed only with @dcloudio/types (with the DOM library, as uni-app
// projects have), handed minisocket where it expects `uni`. Compiled by test/types/types.test.ts:
// everything must compile, and each @ts-expect-error line must be an error.
import { createSocketApi, type UniSocketError } from 'minisocket';

/**
 * uni's socket functions, onSocketClose's result as uni-app x documents it: @dcloudio/types
 * requires an errMsg there (and makes code and reason optional), which uni-app x does not
 * send (docs/typescript.md).
 */
type UniSocket = Pick<
  UniApp.Uni,
  'connectSocket' | 'sendSocketMessage' | 'closeSocket' | 'onSocketOpen' | 'onSocketMessage' | 'onSocketError'
> & {
  onSocketClose(callback: (result: { code: number; reason: string }) => void): void;
};

/** The page's chat: written for `uni`, given minisocket in tests. */
function startChat(api: UniSocket, url: string): UniApp.SocketTask {
  const task = api.connectSocket({ url, header: { 'x-user': 'u1' }, method: 'GET', protocols: ['chat'], complete: () => undefined });
  task.onOpen((res) => {
    console.log(res.header);
    task.send({ data: 'hello', success: (r) => console.log(r.errMsg) });
  });
  task.onMessage((res) => console.log(res.data));
  task.onError((res) => console.log(res.errMsg));
  task.onClose((res) => console.log(res));
  return task;
}

async function globalChat(api: UniSocket): Promise<void> {
  api.onSocketOpen((res) => console.log(res.header));
  api.onSocketMessage<string>((res) => console.log(res.data.length));
  api.onSocketError((res) => console.log(res.errMsg));
  api.onSocketClose((res) => console.log(res.code, res.reason));
  const sent: UniApp.GeneralCallbackResult = await api.sendSocketMessage({ data: 'hi' });
  api.closeSocket({ code: 1000, success: (r) => console.log(r.errMsg) });
  console.log(sent.errMsg);
}

const uni = createSocketApi({ profile: 'uni' });
const socket: UniSocket = uni;
const task: UniApp.SocketTask = startChat(uni, 'wss://chat.example.com');
void globalChat(socket);
void task;

// uni-app x's errSubject is on every fail and error result.
uni.onSocketError((res: UniSocketError) => console.log(res.errSubject));
// @ts-expect-error @dcloudio/types requires errMsg on onSocketClose's result, which uni-app x does not send
const closeTyped: Pick<UniApp.Uni, 'onSocketClose'> = uni;
// @ts-expect-error with a callback there is no Promise
void uni.closeSocket({ complete: () => undefined }).then;
void closeTyped;
