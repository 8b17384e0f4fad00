// Not a guide example: require('minisocket') in this environment (Node's build under
// testEnvironment node, the CommonJS browser build on jsdom's WebSocket under jsdom)
// reaches the test server, and a send right after nextConnection() succeeds.
const { createTestServer } = require('minisocket/testing');
require('minisocket/testing/jest');

test('require("minisocket") works here against createTestServer', async () => {
  const { connectSocket } = require('minisocket');
  const server = await createTestServer();
  try {
    const task = connectSocket({ url: `${server.url}/entry` });
    const connection = await server.nextConnection();
    const sent = await new Promise((resolve, reject) => task.send({ data: 'now', success: resolve, fail: reject }));
    expect(sent.errMsg).toBe('sendSocketMessage:ok');
    await expect(connection).toReceiveMessage('now');
    task.close({});
    await expect(connection).toHaveClosed({ code: 1000 });
  } finally {
    await server.close();
  }
});

test('minisocket resolves to the build this environment should get', () => {
  const file = require.resolve('minisocket');
  expect(file).toMatch(typeof document === 'object' ? /dist\/cjs\/browser\.js$/ : /dist\/cjs\/index\.js$/);
});
