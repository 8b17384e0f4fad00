/**
 * Alipay's one global socket as a task. `my.connectSocket` returns nothing unless the call
 * passes `multiple: true` (an older base library ignores it): the socket is then driven by
 * `my.sendSocketMessage`, `my.closeSocket` and the `my.onSocketX` listeners, and binary
 * travels as base64 with `isBuffer: true` (Alipay's docs; MQTT.js PR#1057). This adapter
 * gives that socket the task shape the engine drives, and takes its listeners off again
 * when it closes so that a later global socket does not hear this one's events.
 */
import { decodeBase64, encodeBase64 } from '../../profiles/base64.js';
import { read, type NativeApi, type NativeCloseOptions, type NativeSendOptions, type NativeTask } from './native-api.js';

type Listener = (result?: unknown) => void;
const EVENTS = ['Open', 'Message', 'Error', 'Close'] as const;

/** Whether the platform object has the global functions the adapter needs. */
export function hasGlobals(native: NativeApi): boolean {
  return ['sendSocketMessage', 'closeSocket', ...EVENTS.map((name) => `onSocket${name}`)].every(
    (key) => typeof read(native, key) === 'function'
  );
}

export function globalTask(native: NativeApi): NativeTask {
  const registered: Array<[string, Listener]> = [];
  const call = (name: string, arg?: unknown): unknown => (read(native, name) as (arg?: unknown) => unknown).call(native, arg);
  const on = (name: (typeof EVENTS)[number], listener: Listener): void => {
    registered.push([name, listener]);
    call(`onSocket${name}`, listener);
  };
  const detach = (): void => {
    for (const [name, listener] of registered.splice(0)) {
      const off = read(native, `offSocket${name}`);
      try {
        if (typeof off === 'function') off.call(native, listener);
      } catch {
        // a runtime without working off* keeps the listener; the engine ignores what it reports once closed
      }
    }
  };
  return {
    send(options: NativeSendOptions) {
      const data = options.data;
      return call('sendSocketMessage', typeof data === 'string' ? options : { ...options, data: encodeBase64(data), isBuffer: true });
    },
    close(options: NativeCloseOptions) {
      return call('closeSocket', options);
    },
    onOpen: (listener) => on('Open', listener),
    onError: (listener) => on('Error', listener),
    onMessage: (listener) =>
      on('Message', (result) => {
        const data = read(result, 'data');
        if (read(result, 'isBuffer') !== true || typeof data !== 'string') return listener(result);
        // Undecodable base64 goes on as it came: the engine then fails the connection loudly.
        listener({ data: decodeBase64(data) ?? result });
      }),
    onClose: (listener) =>
      on('Close', (result) => {
        detach();
        listener(result);
      })
  };
}
