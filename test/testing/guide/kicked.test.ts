import { expect, it, onTestFinished, vi } from 'vitest';
import { createTestServer, installGlobals } from 'minisocket/testing';
import 'minisocket/testing/vitest';
import { joinChat } from './chat.cjs';

it('reports that it was kicked', async () => {
  const server = await createTestServer({ json: true });
  onTestFinished(installGlobals({ profile: 'wx', routes: { 'wss://chat.example.com': server.url } }));
  onTestFinished(() => server.close());
  const report = vi.fn();
  joinChat(report);
  const chat = await server.nextConnection();
  await expect(chat).toReceiveMessage({ type: 'join' });
  chat.send({ type: 'welcome' });
  chat.close(4001, 'kicked');
  await vi.waitFor(() => expect(report.mock.calls).toEqual([['welcome'], ['kicked']]));
});
