/**
 * The native engine: minisocket's contract over a platform's own connectSocket (`wx`,
 * `tt`, `swan`, `qq`, `ks`, `my`, `uni`, `Taro`, or any object with a mini-program
 * connectSocket). `createSocketApi({ profile, native: wx })` uses it. docs/native.md lists
 * what each runtime cannot do; this engine reports that row once, at the first connection.
 */
import * as Code from '../../codes.js';
import type { DialRequest, Engine, EngineSink, EngineSocket } from '../engine.js';
import { dialNative } from './dial.js';
import { isObject, read, type NativeApi } from './native-api.js';
import { nativeSocket } from './native-socket.js';
import { runtimeLimits, runtimeOf } from './runtimes.js';
import { createSlot } from './slots.js';

export type { NativeApi, NativeTask, NativeResult } from './native-api.js';

export interface NativeEngineOptions {
  /** The profile the API object follows: it names the runtime (wx, tt, ...) for the limits table. */
  profile: string;
  /** The runtime's own connection limit (a native slot is held until the native task closed). Default: none. */
  maxConnections?: number;
  /** Where the runtime's limits are reported, once. */
  warn?: (message: string) => void;
}

/** `resolve` is asked at each connect, so an entry point can default to a platform global that appears later. */
export function nativeEngine(resolve: () => unknown, options: NativeEngineOptions): Engine {
  const limit = options.maxConnections ?? Infinity;
  let reported = false;
  const report = (task: object): void => {
    if (reported) return;
    reported = true;
    // Taro H5 documents `socketTask.ws`, the browser's WebSocket (taro seed: "H5 端独有").
    const runtime = runtimeOf(options.profile, isObject(read(task, 'ws')));
    const message = `the native engine on ${runtime} cannot: ${runtimeLimits(runtime).join('; ')} (docs/native.md)`;
    try {
      options.warn?.(message);
    } catch {
      // the warning channel must not break a dial
    }
  };
  return {
    name: 'native',
    // What the runtimes take as options; a runtime that cannot (Taro H5) is in the limits table.
    capabilities: { requestHeaders: true, responseHeaders: true, timing: true, tcpOptions: true, tls: false, ping: false },
    connect(request: DialRequest, sink: EngineSink): EngineSocket {
      let native: unknown;
      try {
        native = resolve();
      } catch (error) {
        native = error;
      }
      if (!isObject(native) || typeof read(native, 'connectSocket') !== 'function') {
        const socket = nativeSocket(sink, request, createSlot({}, Infinity));
        // Inside `calling`: reported after connectSocket has returned, like every report.
        socket.calling(() =>
          socket.connectFailed({ code: Code.SYSTEM_ERROR, detail: 'config.native has no connectSocket function', cause: native })
        );
        return socket;
      }
      const slot = createSlot(native, limit);
      const socket = nativeSocket(sink, request, slot);
      socket.calling(() => slot.start(() => dialNative(native as unknown as NativeApi, request, socket, report)));
      return socket;
    }
  };
}
