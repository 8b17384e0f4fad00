/**
 * The one tracked-API helper: an API object whose connectSocket remembers every task it
 * makes, and the cleanup that closes whatever a test left open. No Node module here: the
 * contract cases use it in a browser page too.
 */
import type { SocketTask } from '../../src/types.js';
import { delay } from './wait.js';

const isTask = (value: unknown): value is SocketTask =>
  typeof value === 'object' && value !== null && typeof (value as SocketTask).onClose === 'function';

/**
 * The same API object (its prototype), with a connectSocket that pushes each task onto
 * `tasks`: at once, or, for Taro's Promise, once it resolves (a rejection stays the caller's).
 */
export function trackTasks<A extends object>(api: A, tasks: SocketTask[]): A {
  const connect = (api as { connectSocket: (options: unknown) => unknown }).connectSocket;
  const tracked = Object.create(api) as A;
  Object.defineProperty(tracked, 'connectSocket', {
    value: (options: unknown) => {
      const result = connect(options);
      if (result instanceof Promise) {
        result.then(
          (task: unknown) => (isTask(task) ? tasks.push(task) : undefined),
          () => undefined
        );
      } else if (isTask(result)) {
        tasks.push(result);
      }
      return result;
    }
  });
  return tracked;
}

/** Closes every task in `tasks` that has not ended (and empties the list), waiting at most `ms` for each onClose. */
export async function closeAll(tasks: SocketTask[], ms = 2000): Promise<void> {
  const alive = tasks.splice(0).filter((task) => task.readyState !== task.CLOSED);
  await Promise.all(
    alive.map(async (task) => {
      const closed = new Promise<void>((resolve) => task.onClose(() => resolve()));
      if (task.readyState !== task.CLOSING) task.close({ code: 1000, reason: 'cleanup', fail: () => undefined });
      await Promise.race([closed, delay(ms)]);
    })
  );
}
