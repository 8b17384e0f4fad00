// ws's own WHATWG-style interface, as a browser-minded library uses it: `new WebSocket(url)`,
// `binaryType`, `onmessage`, `send`. The peer of the WHATWG facade (bench/contenders/facade.mjs).
import WebSocket from 'ws';

export const name = 'ws-whatwg';

/** Only the message cases: the facade's target is against this peer there. */
export const cases = ['echo', 'pipelined'];

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

export function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let done;
    const closed = new Promise((d) => (done = d));
    ws.onerror = () => reject(new Error('ws-whatwg: connection failed'));
    ws.onclose = () => done();
    ws.onopen = () =>
      resolve({
        send: (data) => ws.send(data),
        onMessage: (fn) => (ws.onmessage = fn),
        close: () => (ws.close(1000), closed)
      });
  });
}
