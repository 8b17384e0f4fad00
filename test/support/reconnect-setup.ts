/**
 * The one setup of the reconnect behaviour tests (faults, redial): a test server whose
 * fault is cleared and which restarts after each test, one API object whose warnings are
 * collected per test, and every task a test made closed (and waited for) afterwards.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSocketApi, type ReconnectingSocketTask, type SocketApi, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { waitUntil } from './wait.js';

/** Fast backoff: these tests are about what happens, not when. */
export const FAST = { minDelay: 5, maxDelay: 40 };

export interface ReconnectSetup {
  /** The test server (there from the first test on). */
  readonly server: TestServer;
  readonly api: SocketApi;
  /** What the API object warned during the current test. */
  readonly warnings: string[];
  /** Closes `task` after the test. */
  track<T extends SocketTask>(task: T): T;
  /** connectSocket with `reconnect` (FAST under the given settings) and `extra` options, tracked. */
  connect(url: string, reconnect?: Record<string, unknown>, extra?: Record<string, unknown>): ReconnectingSocketTask;
}

/** Registers the hooks in the calling test file. */
export function useReconnectSetup(): ReconnectSetup {
  let server: TestServer | undefined;
  const warnings: string[] = [];
  const tasks: SocketTask[] = [];
  const api = createSocketApi({ warn: (m) => warnings.push(m) });
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterEach(async () => {
    server?.fault(undefined);
    await server?.restart();
    const left = tasks.splice(0);
    for (const task of left) if (task.readyState !== task.CLOSED && task.readyState !== task.CLOSING) task.close({});
    await waitUntil(() => left.every((task) => task.readyState === task.CLOSED), 'the tasks of the test closed');
    warnings.length = 0;
  });
  afterAll(() => server?.close());
  const track = <T extends SocketTask>(task: T): T => {
    tasks.push(task);
    return task;
  };
  return {
    get server(): TestServer {
      if (server === undefined) throw new Error('the test server starts in beforeAll');
      return server;
    },
    api,
    warnings,
    track,
    connect: (url, reconnect = {}, extra = {}) =>
      track(api.connectSocket({ url, reconnect: { ...FAST, ...reconnect }, ...extra } as never) as ReconnectingSocketTask)
  };
}
