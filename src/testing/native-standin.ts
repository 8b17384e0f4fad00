/**
 * createNativeStandIn(): a platform API object (what `wx`, `tt`, `my`, `Taro`, ... are on
 * a phone) backed by real `ws` connections, so device code and minisocket's native engine
 * can be tested in Node against real loopback servers. It behaves like the runtime it is
 * named after, quirks included (native-quirks.ts: each switchable, each with its source).
 */
import { decodeBase64, encodeBase64 } from '../profiles/base64.js';
import { limitText, NO_QUIRKS, RUNTIME_LIMITS, RUNTIME_QUIRKS, type NativeQuirks, type NativeRuntime } from './native-quirks.js';
import { result, settle, StandInTask, type NativeOptions } from './native-task.js';

export type { NativeQuirks, NativeRuntime } from './native-quirks.js';

export interface NativeStandInOptions {
  /** The runtime to behave like (its default quirks and connection limit). Default 'wx'. */
  profile?: NativeRuntime;
  /** Quirks to switch on or off over the runtime's defaults. */
  quirks?: Partial<NativeQuirks>;
  /** The runtime's connection limit; default the runtime's (WeChat 5). */
  maxConnections?: number;
  /** URL prefix to local URL, as installGlobals takes them: device code that holds production URLs reaches a test server. */
  routes?: Record<string, string>;
}

/** The longest matching prefix wins; the rest of the URL is kept. */
function route(url: string, routes: Record<string, string> | undefined): string {
  let best = '';
  for (const prefix of Object.keys(routes ?? {})) if (url.startsWith(prefix) && prefix.length > best.length) best = prefix;
  return best === '' ? url : routes![best] + url.slice(best.length);
}

type Listener = (result?: unknown) => void;

/** The stand-in platform object: connectSocket, and (for Alipay's one global socket) the global functions. */
export interface NativeStandIn {
  connectSocket(options: NativeOptions): StandInTask | Promise<StandInTask> | undefined;
  sendSocketMessage(options: NativeOptions): void;
  closeSocket(options?: NativeOptions): void;
  onSocketOpen(listener: Listener): void;
  onSocketMessage(listener: Listener): void;
  onSocketError(listener: Listener): void;
  onSocketClose(listener: Listener): void;
  offSocketOpen(listener?: Listener): void;
  offSocketMessage(listener?: Listener): void;
  offSocketError(listener?: Listener): void;
  offSocketClose(listener?: Listener): void;
  /** The quirks in force. */
  readonly quirks: Readonly<NativeQuirks>;
  /** Native sockets not yet closed (each holds a slot of the runtime's limit). */
  readonly openSockets: number;
}

const GLOBAL_EVENTS = ['Open', 'Message', 'Error', 'Close'] as const;

export function createNativeStandIn(options: NativeStandInOptions = {}): NativeStandIn {
  const runtime = options.profile ?? 'wx';
  if (!Object.hasOwn(RUNTIME_QUIRKS, runtime)) throw new TypeError(`minisocket: unknown native runtime ${JSON.stringify(runtime)}`);
  const quirks: NativeQuirks = { ...NO_QUIRKS, ...RUNTIME_QUIRKS[runtime], ...options.quirks };
  const limit = options.maxConnections ?? RUNTIME_LIMITS[runtime];
  const routesOf = options.routes;
  let open = 0;
  let nextId = 0;
  /** Alipay's one global socket and the global listeners. */
  let globalSocket: StandInTask | undefined;
  const globalListeners: Record<(typeof GLOBAL_EVENTS)[number], Listener[]> = { Open: [], Message: [], Error: [], Close: [] };

  function connectSocket(options: NativeOptions): StandInTask | Promise<StandInTask> | undefined {
    const url = typeof options?.url === 'string' ? route(options.url, routesOf) : options?.url;
    const refuse = (reason: string, errCode: number, alipayError: number): undefined | Promise<never> => {
      const payload = result(quirks, 'connectSocket', reason, errCode, alipayError);
      settle(quirks, options, false, payload);
      // Taro rejects (or, with fail or complete passed, resolves with the fail result).
      if (!quirks.promise) return undefined;
      const handled = typeof options?.fail === 'function' || typeof options?.complete === 'function';
      return handled ? (Promise.resolve(payload) as Promise<never>) : Promise.reject(payload);
    };
    if (typeof url !== 'string' || !/^wss?:\/\//i.test(url)) return refuse(`invalid url "${String(url)}"`, 600009, 4) as undefined;
    const global = quirks.noTask || (quirks.alipayResults && options.multiple !== true);
    if (global && globalSocket !== undefined && globalSocket.readyState < 2)
      return refuse('a WebSocket already exists', 602001, 3) as undefined;
    if (open >= limit) return refuse(limitText(runtime, limit), 602001, 1) as undefined;
    open++;
    let released = false;
    const task = new StandInTask(
      url,
      options,
      quirks,
      () => {
        if (!released) open--;
        released = true;
      },
      runtime === 'taro-h5'
    );
    settle(quirks, options, true, { ...result(quirks, 'connectSocket'), socketTaskId: ++nextId });
    if (global) {
      globalSocket = task;
      for (const name of GLOBAL_EVENTS) {
        task[`on${name}`]((payload) => {
          if (task !== globalSocket) return;
          const shaped = name === 'Message' ? asGlobalMessage(payload) : payload;
          for (const listener of globalListeners[name].slice()) listener(shaped);
        });
      }
      return undefined;
    }
    return quirks.promise ? Promise.resolve(task) : task;
  }

  /** Alipay's global onSocketMessage: binary as base64 with isBuffer. */
  function asGlobalMessage(payload: unknown): unknown {
    const data = (payload as { data?: unknown }).data;
    return data instanceof ArrayBuffer ? { data: encodeBase64(data), isBuffer: true } : { data, isBuffer: false };
  }

  const notConnected = (api: string, options: NativeOptions | undefined): void =>
    settle(quirks, options, false, result(quirks, api, 'WebSocket is not connected', 10002));

  const standIn: NativeStandIn = {
    connectSocket,
    sendSocketMessage(options) {
      if (globalSocket === undefined) return notConnected('sendSocketMessage', options);
      let data = options?.data;
      if (options?.isBuffer === true && typeof data === 'string') data = decodeBase64(data);
      globalSocket.send({ ...options, data });
    },
    closeSocket(options) {
      if (globalSocket === undefined) return notConnected('closeSocket', options);
      globalSocket.close(options);
    },
    onSocketOpen: (listener) => void globalListeners.Open.push(listener),
    onSocketMessage: (listener) => void globalListeners.Message.push(listener),
    onSocketError: (listener) => void globalListeners.Error.push(listener),
    onSocketClose: (listener) => void globalListeners.Close.push(listener),
    offSocketOpen: (listener) => off('Open', listener),
    offSocketMessage: (listener) => off('Message', listener),
    offSocketError: (listener) => off('Error', listener),
    offSocketClose: (listener) => off('Close', listener),
    quirks: Object.freeze({ ...quirks }),
    get openSockets() {
      return open;
    }
  };

  function off(name: (typeof GLOBAL_EVENTS)[number], listener?: Listener): void {
    globalListeners[name] = listener === undefined ? [] : globalListeners[name].filter((each) => each !== listener);
  }
  return standIn;
}
