// Raw `ws`: the floor. Its own API, Buffers in and out, compression off.
import WebSocket from 'ws';

export const name = 'ws';

/** What a user of this API sends as binary. */
export const binary = (bytes) => bytes;

export function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const closed = new Promise((done) => ws.once('close', done));
    ws.on('error', reject);
    ws.once('open', () =>
      resolve({
        send: (data) => ws.send(data),
        onMessage: (fn) => ws.on('message', fn),
        close: () => (ws.close(1000), closed)
      })
    );
  });
}
