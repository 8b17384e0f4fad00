// The ESM side of the declarations (the `import` condition under node16 and nodenext).
import { connectSocket, type SocketTask } from 'minisocket';
import * as browser from 'minisocket/browser';

const task: SocketTask = connectSocket({ url: 'wss://example.com' });
task.onClose(({ code, reason }) => void [code, reason]);
void browser.connectSocket({ url: 'wss://example.com' }).readyState;
const uni = browser.createSocketApi({ profile: 'uni' });
uni.onSocketError((e) => void e.errSubject.length);
const taro = browser.createSocketApi({ profile: 'taro' });
// @ts-expect-error the browser entry is typed per profile too: Taro's connectSocket returns a Promise
taro.connectSocket({ url: 'wss://example.com' }).onOpen(() => undefined);
