// An Alipay mini-program's code, typed only with @mini-types/my (lib ES2022, no DOM, no Node
// types), handed minisocket where it expects `my`. Compiled by test/types/types.test.ts:
// everything must compile, and each @ts-expect-error line must be an error.
import { createSocketApi, type MySocketError } from 'minisocket';

// Alipay's runtime has a console; @mini-types/my does not declare one.
declare const console: { log(...data: unknown[]): void };

/**
 * Alipay's global socket functions. connectSocket as the global socket's (no `multiple`):
 * @mini-types/my types the task of `multiple: true` with payloads wrapped in `data`, which
 * minisocket's task does not do (docs/typescript.md).
 */
type MySocket = Pick<
  typeof my,
  | 'sendSocketMessage'
  | 'closeSocket'
  | 'onSocketOpen'
  | 'onSocketMessage'
  | 'onSocketError'
  | 'onSocketClose'
  | 'offSocketOpen'
  | 'offSocketMessage'
  | 'offSocketError'
  | 'offSocketClose'
> & { connectSocket(param: Parameters<typeof my.connectSocket>[0]): void };

/** The page's chat: written for `my`, given minisocket in tests. */
async function globalChat(api: MySocket): Promise<void> {
  api.connectSocket({ url: 'wss://chat.example.com', data: { room: 1 }, header: { 'x-user': 'u1' } });
  const onOpen = (): void => console.log('open');
  api.onSocketOpen(onOpen);
  api.onSocketMessage((res) => console.log(res.isBuffer ? `base64 ${String(res.data)}` : res.data));
  api.onSocketError((res) => console.log(res.error, res.errorMessage));
  api.onSocketClose((res) => console.log(res.reason));
  const sent = await api.sendSocketMessage({ data: 'AAE=', isBuffer: true });
  console.log(sent.success);
  api.sendSocketMessage({ data: 'hi', fail: (err) => console.log(err.error, err.errorMessage) });
  const closed = await api.closeSocket();
  console.log(closed.message);
  api.offSocketOpen(onOpen);
  api.offSocketMessage();
}

// Not named `my`: that would hide Alipay's global, which the types above are read from.
const alipay = createSocketApi({ profile: 'my' });
const socket: MySocket = alipay;
void globalChat(socket);

// minisocket's own types: error and errorMessage are always set on Alipay's fail results.
alipay.connectSocket({ url: 'wss://chat.example.com', fail: (e: MySocketError) => console.log(e.error.toFixed(), e.errorMessage.length) });
void alipay.sendSocketMessage({ data: 'x' }).then((r) => console.log(r.success === true, r.errMsg));
const own = alipay.connectSocket({ url: 'wss://chat.example.com', multiple: true });
own.onError((e) => console.log(e.error, e.errorMessage));
// @ts-expect-error @mini-types/my wraps each SocketTask event in `data` (with socketTaskID); minisocket's task does not
const alipayTask: my.SocketTask = own;
// @ts-expect-error without multiple: true there is no task
alipay.connectSocket({ url: 'wss://chat.example.com' }).send({ data: 'x' });
void alipayTask;
