/**
 * Runs the shared contract cases (test/contract) in Node against the real test server,
 * one `it` per case, each with a fresh API object whose warnings the case can read.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createSocketApi } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { cleanup, groups, makeCtx } from '../contract/index.js';

let server: TestServer;
let refusedUrl: string;

/** A port that was just free: bind, read the port, close. Nothing listens there afterwards. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  server = await createTestServer();
  refusedUrl = `ws://127.0.0.1:${await freePort()}/`;
});
afterAll(() => server.close());

let counter = 0;

for (const group of groups) {
  describe(group.name, () => {
    for (const contractCase of group.cases) {
      it(
        contractCase.name,
        async () => {
          const ctx = makeCtx({ env: 'node', id: `c${++counter}`, serverUrl: server.url, createSocketApi, refusedUrl });
          try {
            await contractCase.run(ctx);
          } finally {
            await cleanup(ctx);
          }
        },
        contractCase.timeout + 2000
      );
    }
  });
}
