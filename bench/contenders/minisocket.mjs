// minisocket as users get it: the built package (dist/esm), standard profile, its own
// SocketTask API. `tcpNoDelay: true` matches what ws, undici and browsers do; the
// `minisocket-nagle` contender runs with the platforms' default (false).
// bench/run.mjs points MINISOCKET_DIST at a private copy of dist/esm made right after the build.
const { createSocketApi } = await import(process.env.MINISOCKET_DIST ?? '../../dist/esm/index.js');

const api = createSocketApi({ warn: (message) => process.emitWarning(message) });

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

export function contender(name, tcpNoDelay) {
  return {
    name,
    binary,
    open(url) {
      return new Promise((resolve, reject) => {
        const task = api.connectSocket({ url, tcpNoDelay });
        let done;
        const closed = new Promise((d) => (done = d));
        task.onError((error) => reject(new Error(error.errMsg)));
        task.onClose(() => done());
        task.onOpen(() =>
          resolve({
            send: (data) => task.send({ data }),
            onMessage: (fn) => task.onMessage(fn),
            close: () => (task.close({ code: 1000 }), closed)
          })
        );
      });
    }
  };
}

export const minisocket = contender('minisocket', true);
export const minisocketNagle = contender('minisocket-nagle', false);
