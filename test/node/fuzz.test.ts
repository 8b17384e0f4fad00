/**
 * Property-based fuzzing (issue 11, "Must hold"): generated connectSocket options, send
 * data, close code/reason and calls of the global functions, on every profile, against one
 * real loopback server. For every call: no exception escapes, exactly one of success/fail
 * and then complete, and no unhandled rejection. Bounded runs with a fixed seed
 * (FUZZ_SEED, FUZZ_RUNS to change them); a failure prints the seed and the shrunk input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, type SocketTask } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { delay, waitUntil } from '../support/wait.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const PROFILES = ['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my'] as const;

let server: TestServer;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);
beforeAll(async () => {
  server = await createTestServer();
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await server.close();
});

/** Callbacks that record their calls; `check` says whether they ran as one outcome then complete. */
function callbacks() {
  const seen: string[] = [];
  return {
    seen,
    options: { success: () => seen.push('success'), fail: () => seen.push('fail'), complete: () => seen.push('complete') },
    done: () => seen.includes('complete'),
    ok: () => seen.length === 2 && (seen[0] === 'success' || seen[0] === 'fail') && seen[1] === 'complete'
  };
}

/** No string that could dial a real host: only the loopback server's URLs are dialable. */
const noScheme = (s: string): string => s.replace(/wss?:/gi, 'x:');
const url = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom('/echo', '/close/4000', '/drop/5', '/status/403', '/protocol/none').map((p) => server.urlFor(p)),
    fc.string().map(noScheme),
    fc.anything().map((v) => (typeof v === 'string' ? noScheme(v) : v))
  );
const options = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      url: url(),
      header: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.anything())), fc.anything()),
      protocols: fc.oneof(fc.array(fc.string()), fc.anything()),
      timeout: fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.double(), fc.anything()),
      tcpNoDelay: fc.anything(),
      perMessageDeflate: fc.anything(),
      method: fc.oneof(fc.constantFrom('GET', 'POST'), fc.anything()),
      data: fc.anything(),
      multiple: fc.boolean(),
      reconnect: fc.oneof(
        fc.record({ minDelay: fc.integer({ min: -5, max: 20 }), maxAttempts: fc.integer({ min: -1, max: 2 }) }),
        fc.anything()
      )
    },
    { requiredKeys: ['url'] }
  );
const sendData = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.string(),
    fc.uint8Array().map((a) => a.buffer),
    fc.uint8Array(),
    fc.int32Array(),
    fc.anything(),
    fc.constant(new ArrayBuffer(0))
  );
const closeArgs = (): fc.Arbitrary<{ code?: unknown; reason?: unknown }> =>
  fc.record(
    {
      code: fc.oneof(fc.constantFrom(1000, 1005, 1006, 2999, 3000, 4999, 5000), fc.integer(), fc.double(), fc.anything()),
      reason: fc.oneof(fc.string(), fc.string({ minLength: 100, maxLength: 200 }), fc.anything())
    },
    { requiredKeys: [] }
  );

type Api = Record<string, unknown> & { connectSocket(options: unknown): unknown };

/** Calls `fn`; an exception that escapes is the failure this suite looks for. */
function noThrow<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new Error(`${what} threw: ${String(error)}`);
  }
}

async function settled(what: string, cb: ReturnType<typeof callbacks>): Promise<void> {
  await waitUntil(cb.done, `${what}: complete`, 6000);
  await delay(1); // a second outcome would come in the same or the next turn
  if (!cb.ok()) throw new Error(`${what}: expected one of success/fail then complete, got ${cb.seen.join(',')}`);
}

for (const profile of PROFILES) {
  it(`fuzz (${profile}): connectSocket, send, close and the globals never throw and settle once each`, async () => {
    await fc
      .assert(
        fc.asyncProperty(
          options(),
          sendData(),
          closeArgs(),
          sendData(),
          closeArgs(),
          async (connect, data, close, globalData, globalClose) => {
            const api = createSocketApi({ profile, warn: () => undefined }) as unknown as Api;
            const c = callbacks();
            const returned = noThrow('connectSocket', () => api.connectSocket({ ...connect, ...c.options }));
            let task: SocketTask | undefined;
            // Taro: a Promise of the task, or (a fail callback given) of the fail result.
            const value: unknown = returned instanceof Promise ? await returned.catch(() => undefined) : returned;
            if (typeof (value as SocketTask | undefined)?.send === 'function') task = value as SocketTask;
            await settled('connectSocket', c);
            if (task !== undefined) {
              if (c.seen[0] === 'success') await waitUntil(() => task!.readyState !== task!.CONNECTING, 'left CONNECTING', 6000);
              const s = callbacks();
              noThrow('send', () => task!.send({ data, ...s.options } as never));
              await settled('send', s);
            }
            for (const [name, args] of [
              ['sendSocketMessage', { data: globalData }],
              ['closeSocket', globalClose]
            ] as const) {
              const fn = api[name];
              if (typeof fn !== 'function') continue;
              const g = callbacks();
              const result = noThrow(name, () => (fn as (o: unknown) => unknown)({ ...args, ...g.options }));
              if (result instanceof Promise) result.catch(() => undefined);
              await settled(name, g);
            }
            if (task !== undefined) {
              const k = callbacks();
              noThrow('close', () => task!.close({ ...close, ...k.options } as never));
              await settled('close', k);
              // Whatever the close asked, end the task for good before the next run.
              task.close({});
              await waitUntil(() => task!.readyState === task!.CLOSED, 'task closed', 6000);
            }
            if (typeof api.closeSocket === 'function') (api.closeSocket as (o: object) => void)({ fail: () => undefined });
            return true;
          }
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true }
      )
      .catch((error: unknown) => {
        throw new Error(
          `fuzz failed (seed ${SEED}, profile ${profile}; rerun with FUZZ_SEED=${SEED}): ${String(error)}; cause: ${String((error as { cause?: unknown }).cause)}`
        );
      });
    expect(rejections).toEqual([]);
  }, 120_000);
}
