// `minisocket/testing` as a test file imports it (with Node's types), under every
// moduleResolution, node10 included. Compiled by test/types/types.test.ts: everything must
// compile, and each @ts-expect-error line must be an error.
import { createTestServer, installGlobals, type TestServer, type UninstallGlobals } from 'minisocket/testing';

async function run(): Promise<void> {
  const server: TestServer = await createTestServer();
  const uninstall = installGlobals({ profile: 'wx', routes: { 'wss://api.example.com': server.url } });
  const task = uninstall.api.connectSocket({ url: 'wss://api.example.com/chat' });
  task.onOpen(() => task.send({ data: 'hi' }));
  const sent = await uninstall.api.sendSocketMessage({ data: 'x' }).catch((error: { errMsg: string }) => error);
  void sent.errMsg;
  uninstall();

  // installGlobals is typed per profile: Taro's connectSocket returns a Promise...
  const taro = installGlobals({ profile: 'taro' });
  const taroTask = await taro.api.connectSocket({ url: 'wss://api.example.com' });
  taroTask.onMessage<string>(({ data }) => void data.length);
  // @ts-expect-error ...not a task
  taro.api.connectSocket({ url: 'wss://api.example.com' }).onOpen(() => undefined);
  taro();

  // ...and tt has no global socket functions.
  const tt: UninstallGlobals<'tt'> = installGlobals({ profile: 'tt' });
  // @ts-expect-error tt.sendSocketMessage does not exist
  tt.api.sendSocketMessage({ data: 'x' });
  tt();

  // A bare UninstallGlobals holds any profile's (docs/testing-your-code.md keeps one in a `let`).
  let any: UninstallGlobals | undefined;
  any = installGlobals({ profile: 'taro' });
  any();
  any = installGlobals({ profile: 'tt' });
  any();

  // Alipay's fail results always carry error and errorMessage.
  const my = installGlobals({ profile: 'my' });
  my.api.sendSocketMessage({ data: 'x', fail: (e) => void [e.error.toFixed(), e.errorMessage.trim()] });
  my();
  await server.close();
}
void run;
