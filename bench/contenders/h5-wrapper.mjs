// A thin SocketTask the way popular H5 wrappers write one (Taro's and Mpx's web builds):
// one listener slot per event, send answers success at once, close() does not send the
// caller's code. It runs on the same engine as minisocket (ws's WHATWG-style interface),
// so the gap between the two is the price of the full contract. A benchmark peer, not
// product code.
import WebSocket from 'ws';

class ThinSocketTask {
  constructor(url, protocols) {
    this.CONNECTING = 0;
    this.OPEN = 1;
    this.CLOSING = 2;
    this.CLOSED = 3;
    this._openCb = null;
    this._messageCb = null;
    this._errorCb = null;
    this._closeCb = null;
    this._closeData = null;
    // A browser WebSocket takes no options; compression is off here so all contenders match.
    this._socket = new WebSocket(url, protocols, { perMessageDeflate: false });
    this._socket.binaryType = 'arraybuffer';
    this._socket.onopen = (event) => this._openCb?.({ header: {}, event });
    this._socket.onmessage = (event) => this._messageCb?.({ data: event.data });
    this._socket.onerror = () => this._errorCb?.({ errMsg: 'onSocketError' });
    this._socket.onclose = (event) => {
      const detail = this._closeData || { code: event.code, reason: event.reason };
      this._closeCb?.(detail);
    };
  }

  get readyState() {
    return this._socket.readyState;
  }

  send(options = {}) {
    const { data = '', success, fail, complete } = options;
    if (this._socket.readyState !== 1) {
      const res = { errMsg: 'sendSocketMessage:fail SocketTask.readyState is not OPEN' };
      typeof fail === 'function' && fail(res);
      typeof complete === 'function' && complete(res);
      return;
    }
    this._socket.send(data);
    if (success || complete) {
      const res = { errMsg: 'sendSocketMessage:ok' };
      typeof success === 'function' && success(res);
      typeof complete === 'function' && complete(res);
    }
  }

  close(options = {}) {
    const { code = 1000, reason = '', success, complete } = options;
    // The code is kept for onClose only; the wire gets the engine's default close.
    this._closeData = { code, reason };
    this._socket.close();
    const res = { errMsg: 'closeSocket:ok' };
    typeof success === 'function' && success(res);
    typeof complete === 'function' && complete(res);
  }

  onOpen(fn) {
    this._openCb = fn;
  }
  onMessage(fn) {
    this._messageCb = fn;
  }
  onError(fn) {
    this._errorCb = fn;
  }
  onClose(fn) {
    this._closeCb = fn;
  }
}

export const name = 'h5-wrapper';

export const binary = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

export function open(url) {
  return new Promise((resolve, reject) => {
    const task = new ThinSocketTask(url);
    let done;
    const closed = new Promise((d) => (done = d));
    task.onError(() => reject(new Error('h5-wrapper: connection failed')));
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
