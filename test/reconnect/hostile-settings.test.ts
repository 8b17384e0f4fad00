/**
 * Reconnect and heartbeat settings are user input: hostile ones (revoked Proxies, throwing
 * getters, traps) are refused through fail and onError, never thrown.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSocketApi, ErrCode, type SocketError } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => (server = await createTestServer()));
afterAll(() => server.close());

it('hostile reconnect and heartbeat settings are refused, never thrown', async () => {
  const api = createSocketApi({ warn: () => undefined });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = Object.defineProperty([], 0, {
    get: () => {
      throw new Error('boom');
    },
    enumerable: true
  });
  const prototypeTrap = new Proxy(
    {},
    {
      getPrototypeOf: () => {
        throw new Error('boom');
      }
    }
  );
  const settings: unknown[] = [
    { reconnect: revoked.proxy },
    { reconnect: { finalCodes: revoked.proxy } },
    { reconnect: { finalCodes: throwing } },
    { heartbeat: { message: prototypeTrap } }
  ];
  for (const extra of settings) {
    const failed = await new Promise<SocketError>((resolve, reject) => {
      try {
        api.connectSocket({ url: server.urlFor('/echo'), ...(extra as object), fail: resolve });
      } catch (error) {
        reject(new Error(`threw: ${String(error)}`));
      }
    });
    expect(failed.errCode).toBe(ErrCode.INVALID_OPTIONS);
  }
});
