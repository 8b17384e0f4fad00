const { createTestServer, installGlobals, waitFor } = require('minisocket/testing');
require('minisocket/testing/jest');
const { joinChat } = require('../chat.cjs');

let server;
let uninstall;
beforeAll(async () => { server = await createTestServer({ json: true }); });
afterAll(() => server.close());
beforeEach(() => { uninstall = installGlobals({ profile: 'wx', routes: { 'wss://chat.example.com': server.url } }); });
afterEach(async () => { uninstall(); await server.reset(); });

test('reports that it was kicked', async () => {
  const report = jest.fn();
  joinChat(report);
  const chat = await server.nextConnection();
  await expect(chat).toReceiveMessage({ type: 'join' });
  chat.send({ type: 'welcome' });
  chat.close(4001, 'kicked');
  await waitFor(() => expect(report.mock.calls).toEqual([['welcome'], ['kicked']]));
  await expect(chat).toHaveClosed({ code: 4001, reason: 'kicked' });
});

test('a missing message fails in about a second, naming it', async () => {
  const task = wx.connectSocket({ url: 'wss://chat.example.com/quiet' });
  const chat = await server.nextConnection();
  await expect(expect(chat).toReceiveMessage({ type: 'join' })).rejects.toThrow(
    'Expected the connection to /quiet to receive {"type":"join"} within 1000 ms, got nothing.'
  );
  task.close({});
});
