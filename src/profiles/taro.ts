import type { SocketTask } from '../types.js';
import type { Profile } from './profile.js';

/**
 * Taro (`Taro`): connectSocket returns a Promise of the task, five sockets at once with
 * Taro's own limit text, and the global functions are deprecated (each warns once).
 * Taro's global closeSocket does abort a socket still connecting.
 */
export const taro: Profile = {
  name: 'taro',
  globalName: 'Taro',
  maxConnections: 5,
  // Keyed by the literal errCode (TOO_MANY_CONNECTIONS), as in wx.ts.
  errors: { texts: { 610012: '同时最多发起 %s 个 socket 请求，更多请参考文档。' } },
  globals: true,
  globalsDeprecated: true,
  globalCloseBeforeOpen: 'abort',
  sendViews: false,
  protocolsAsString: false,
  connectResult: (task, settled, failHandled) =>
    settled.then(({ ok, result }) => {
      if (ok) {
        // Taro's task carries the call's result fields.
        Object.assign(task as SocketTask & object, result);
        return task;
      }
      // Taro's MethodHandler: with a fail or complete callback the failure is "handled", so the
      // Promise resolves with the fail result; otherwise it rejects with it.
      if (failHandled) return result;
      throw result;
    })
};
