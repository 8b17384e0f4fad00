// The peer every contender talks to: a raw `ws` server in its own process, on 127.0.0.1
// only, so the client process measures the client alone. It echoes every message and
// holds idle connections. The parent talks to it over IPC: it prints nothing.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const http = createServer((_req, res) => res.writeHead(404).end());
// Compression off: every contender is measured without it (raw ws clients would offer it).
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  socket.on('error', () => {});
});

process.on('message', (message) => {
  if (message === 'count') process.send({ count: wss.clients.size });
  if (message === 'exit') {
    for (const socket of wss.clients) socket.terminate();
    wss.close();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  }
});
// The parent went away: leave no orphan listening.
process.on('disconnect', () => process.exit(0));

http.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
  process.send({ port: http.address().port });
});
