/**
 * Helpers for the profile, seed and third-party tests: a real test server per file, API
 * objects whose tasks are closed after each test, and small event recorders.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSocketApi, type SocketApi, type SocketApiConfig, type SocketError, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 5 ms; fails with `what` after `ms`. */
export async function waitUntil(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await delay(5);
  }
}

/** One real server for the whole file. */
export function useServer(): { readonly server: TestServer; url(path: string): string } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    url: (path) => server!.urlFor(path)
  };
}

type Event = ['open' | 'message' | 'error' | 'close', unknown];

/** Records a task's events in order. */
export function record(task: SocketTask): { list: Event[]; names(): string[]; wait(name: Event[0], count?: number): Promise<unknown> } {
  const list: Event[] = [];
  task.onOpen((r) => list.push(['open', r]));
  task.onMessage((r) => list.push(['message', r]));
  task.onError((r) => list.push(['error', r]));
  task.onClose((r) => list.push(['close', r]));
  const all = (name: Event[0]) => list.filter(([n]) => n === name).map(([, r]) => r);
  return {
    list,
    names: () => list.map(([n]) => n),
    async wait(name, count = 1) {
      await waitUntil(() => all(name).length >= count, `${name} #${count} (so far: ${list.map(([n]) => n).join(', ')})`);
      return all(name)[count - 1];
    }
  };
}

/** success/fail/complete recorders to pass into any call. */
export function outcome(): {
  calls: Array<[string, SocketError & Record<string, unknown>]>;
  success(r: unknown): void;
  fail(r: unknown): void;
  complete(r: unknown): void;
  settled(): Promise<void>;
} {
  const calls: Array<[string, SocketError & Record<string, unknown>]> = [];
  return {
    calls,
    success: (r) => void calls.push(['success', r as SocketError & Record<string, unknown>]),
    fail: (r) => void calls.push(['fail', r as SocketError & Record<string, unknown>]),
    complete: (r) => void calls.push(['complete', r as SocketError & Record<string, unknown>]),
    settled: () => waitUntil(() => calls.some(([n]) => n === 'complete'), 'complete')
  };
}

/**
 * API objects for a test file: each remembers its tasks, and after each test every task
 * still alive is closed and awaited, so no test leaves a socket behind.
 */
export function useApis(): {
  warnings: string[];
  create(config: SocketApiConfig): SocketApi;
  track(task: SocketTask): SocketTask;
} {
  const tasks: SocketTask[] = [];
  const warnings: string[] = [];
  afterEach(async () => {
    const alive = tasks.splice(0).filter((task) => task.readyState !== task.CLOSED);
    await Promise.all(
      alive.map(async (task) => {
        const closed = new Promise<void>((resolve) => task.onClose(() => resolve()));
        if (task.readyState !== task.CLOSING) task.close({ fail: () => undefined });
        await Promise.race([closed, delay(1000)]);
      })
    );
    warnings.length = 0;
  });
  const track = (task: SocketTask): SocketTask => {
    tasks.push(task);
    return task;
  };
  return {
    warnings,
    track,
    create(config) {
      const api = createSocketApi({ warn: (message: string) => warnings.push(message), ...config }) as SocketApi;
      const connect = api.connectSocket;
      const tracked = Object.create(api) as SocketApi;
      Object.defineProperty(tracked, 'connectSocket', {
        value: (options: Parameters<SocketApi['connectSocket']>[0]) => {
          const result = connect(options) as unknown;
          if (result instanceof Promise) {
            // Taro: the task arrives later; a rejection stays the caller's to see.
            result.then((task) => (typeof task === 'object' && task !== null && 'onClose' in task ? track(task as SocketTask) : undefined), () => undefined);
            return result;
          }
          return track(result as SocketTask);
        }
      });
      return tracked;
    }
  };
}
