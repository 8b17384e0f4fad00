// minisocket's WHATWG WebSocket facade (createWebSocketClass) over the built package's
// default API object, used exactly as the ws-whatwg peer uses ws: `new WebSocket(url)`,
// `binaryType`, `onmessage`, `send`.
const { createSocketApi, createWebSocketClass } = await import(process.env.MINISOCKET_DIST ?? '../../dist/esm/index.js');

const WebSocket = createWebSocketClass(createSocketApi({ warn: (message) => process.emitWarning(message) }));

export const name = 'facade';

export const cases = ['echo', 'pipelined'];

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

export function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let done;
    const closed = new Promise((d) => (done = d));
    ws.onerror = () => reject(new Error('facade: connection failed'));
    ws.onclose = () => done();
    ws.onopen = () =>
      resolve({
        send: (data) => ws.send(data),
        onMessage: (fn) => (ws.onmessage = fn),
        close: () => (ws.close(1000), closed)
      });
  });
}
