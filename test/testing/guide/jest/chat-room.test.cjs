const path = require('node:path');
const simulate = require('miniprogram-simulate');
const { createTestServer, installGlobals, waitFor } = require('minisocket/testing');
require('minisocket/testing/jest');

let server;
let uninstall;
beforeAll(async () => { server = await createTestServer(); });
afterAll(() => server.close());
beforeEach(() => {
  // merge: keep miniprogram-simulate's other wx APIs, replace only the socket ones.
  uninstall = installGlobals({ profile: 'wx', merge: true, routes: { 'wss://chat.example.com': server.url } });
});
afterEach(async () => { uninstall(); await server.reset(); });

test('renders what the server sends, sends on tap, closes when detached', async () => {
  const room = simulate.render(simulate.load(path.join(__dirname, 'chat-room/index')));
  room.attach(document.createElement('parent-wrapper'));
  const connection = await server.nextConnection();
  await waitFor(() => expect(room.querySelector('.status').dom.textContent).toBe('open'));

  connection.send('welcome');
  await waitFor(() => expect(room.querySelectorAll('.message').map((m) => m.dom.textContent)).toEqual(['welcome']));

  room.querySelector('.send').dispatchEvent('tap');
  await expect(connection).toReceiveMessage('hello');

  room.detach();
  await expect(connection).toHaveClosed({ code: 1000, reason: 'page left' });
});
