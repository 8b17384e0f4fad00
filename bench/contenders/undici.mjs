// undici's WHATWG WebSocket client (the one Node's global WebSocket is built from).
import { WebSocket } from 'undici';

export const name = 'undici';

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

export function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const closed = new Promise((done) => ws.addEventListener('close', done, { once: true }));
    ws.addEventListener('error', (event) => reject(event.error ?? new Error('undici: connection failed')), { once: true });
    ws.addEventListener(
      'open',
      () =>
        resolve({
          send: (data) => ws.send(data),
          onMessage: (fn) => ws.addEventListener('message', fn),
          close: () => (ws.close(1000), closed)
        }),
      { once: true }
    );
  });
}
