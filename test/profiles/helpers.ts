/**
 * Helpers for the profile, seed and third-party tests: a real test server per file, API
 * objects whose tasks are closed after each test, and small event recorders.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSocketApi, type SocketApi, type SocketApiConfig, type SocketError, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

import { record } from '../support/recorder.js';
import { closeAll, trackTasks } from '../support/tracked-api.js';
import { delay, waitUntil } from '../support/wait.js';

export { delay, waitUntil };

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

export { record };

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
    await closeAll(tasks, 1000);
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
      return trackTasks(createSocketApi({ warn: (message: string) => warnings.push(message), ...config }) as SocketApi, tasks);
    }
  };
}
