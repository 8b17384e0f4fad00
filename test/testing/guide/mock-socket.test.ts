import { expect, it, onTestFinished, vi } from 'vitest';
import { Server, WebSocket as MockWebSocket } from 'mock-socket';
import { installGlobals } from 'minisocket/testing';
import { joinChat } from './chat.cjs';

it('runs the real wx API on mock-socket, with no socket at all', async () => {
  const server = new Server('wss://chat.example.com/room', { mock: false });
  onTestFinished(() => server.stop());
  onTestFinished(installGlobals({ profile: 'wx', config: { WebSocket: MockWebSocket as unknown as typeof WebSocket } }));
  server.on('connection', (socket) => {
    socket.on('message', () => {
      socket.send(JSON.stringify({ type: 'welcome' }));
      socket.close({ code: 4001, reason: 'kicked', wasClean: true });
    });
  });
  const report = vi.fn();
  joinChat(report);
  await vi.waitFor(() => expect(report.mock.calls).toEqual([['welcome'], ['kicked']]));
});
