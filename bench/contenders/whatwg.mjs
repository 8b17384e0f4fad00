// What the facade and its peer share: a WHATWG-style WebSocket class used as a
// browser-minded library uses one (`new WebSocket(url)`, `binaryType`, `onmessage`,
// `send`), on the message cases only (the facade's target is against ws-whatwg there).

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

/** A contender named `name` over the WHATWG-style class `WebSocket`. */
export function whatwgContender(name, WebSocket) {
  return {
    name,
    cases: ['echo', 'pipelined'],
    binary,
    open(url) {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        let done;
        const closed = new Promise((d) => (done = d));
        ws.onerror = () => reject(new Error(`${name}: connection failed`));
        ws.onclose = () => done();
        ws.onopen = () =>
          resolve({
            send: (data) => ws.send(data),
            onMessage: (fn) => (ws.onmessage = fn),
            close: () => (ws.close(1000), closed)
          });
      });
    }
  };
}
