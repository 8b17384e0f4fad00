import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestServer, installGlobals, waitFor } from 'minisocket/testing';
import chat from './chat.cjs';

test('reports that it was kicked', async (t) => {
  const server = await createTestServer({ json: true });
  t.after(installGlobals({ profile: 'wx', routes: { 'wss://chat.example.com': server.url } }));
  t.after(() => server.close());
  const reports = [];
  chat.joinChat((status) => reports.push(status));
  const connection = await server.nextConnection();
  assert.deepEqual(await connection.nextMessage(), { type: 'join' });
  connection.send({ type: 'welcome' });
  connection.close(4001, 'kicked');
  await waitFor(() => assert.deepEqual(reports, ['welcome', 'kicked']));
});
