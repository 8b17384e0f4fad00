/**
 * Calls the runtime's connectSocket for one connection and hands the task it gets to the
 * NativeSocket, whatever shape the answer takes: a task (most runtimes), a Promise of one
 * (Taro: "Taro.connectSocket ... .then(task => ...)", taro seed), nothing (Alipay without
 * `multiple: true`: the global functions then drive the socket), or something else (a
 * broken or hostile `native`): then the connection fails with 602001 and the answer as cause.
 */
import { describe } from '../../errors.js';
import type { DialRequest } from '../engine.js';
import { connectFailure } from './native-errors.js';
import { globalTask, hasGlobals } from './global-task.js';
import { isNativeTask, isThenable, read, type NativeApi, type NativeConnectOptions, type NativeTask } from './native-api.js';
import type { NativeSocket } from './native-socket.js';

/** What the options object tells the runtime: only what the call asked for. */
function optionsFor(request: DialRequest, fail: (result: unknown) => void): NativeConnectOptions {
  // `multiple: true` makes Alipay return a task of its own; the other runtimes ignore it.
  const options: NativeConnectOptions = { url: request.url, multiple: true, fail };
  if (Object.keys(request.headers).length > 0) options.header = request.headers;
  if (request.protocols.length > 0) options.protocols = request.protocols;
  // WeChat's own options (default false there too).
  if (request.tcpNoDelay) options.tcpNoDelay = true;
  if (request.perMessageDeflate) options.perMessageDeflate = true;
  return options;
}

const kindOf = (value: unknown): string =>
  value === null ? 'null' : typeof value === 'object' ? describe(Object.prototype.toString.call(value)) : typeof value;

export function dialNative(native: NativeApi, request: DialRequest, socket: NativeSocket, attached: (task: NativeTask) => void): void {
  const url = request.url;
  const attach = (task: NativeTask): void => {
    socket.attach(task);
    attached(task);
  };
  const options = optionsFor(request, (result) => socket.connectFailed(connectFailure(result, url, 'the native connectSocket failed')));
  let returned: unknown;
  socket.markDialled();
  try {
    returned = socket.calling(() => (read(native, 'connectSocket') as (options: NativeConnectOptions) => unknown).call(native, options));
  } catch (error) {
    return socket.connectFailed(connectFailure(error, url, 'the native connectSocket threw'));
  }
  if (isNativeTask(returned)) return attach(returned);
  if (isThenable(returned)) {
    Promise.resolve(returned).then(
      (task) => {
        if (isNativeTask(task)) attach(task);
        // Taro resolves with the fail result when a fail callback was passed: that fail already reported it.
        else
          socket.connectFailed({
            code: 602001,
            detail: `the native connectSocket Promise resolved with ${kindOf(task)}, not a SocketTask`,
            cause: task
          });
      },
      (error: unknown) => socket.connectFailed(connectFailure(error, url, 'the native connectSocket Promise rejected'))
    );
    return;
  }
  if (returned === undefined && hasGlobals(native)) return attach(globalTask(native));
  socket.connectFailed({
    code: 602001,
    detail: `the native connectSocket returned ${kindOf(returned)}, not a SocketTask`,
    cause: returned
  });
}
