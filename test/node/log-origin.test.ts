/**
 * Issue 11, finding 9: the test server's `/__log` holds request headers (an Authorization
 * header included) and messages. `minisocket serve` listens on a predictable port, so a
 * page of any origin in a browser on that machine could read it while the answer said
 * `Access-Control-Allow-Origin: *`. Only the server's own origin, and the origins it was
 * given in `logOrigins`, may read it now.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ logOrigins: ['http://127.0.0.1:5173'] });
});
afterAll(() => server.close());

async function allowedFor(origin: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${server.port}/__log`, { headers: { Origin: origin } });
  await response.text();
  return response.headers.get('access-control-allow-origin');
}

it('a page of another origin is not allowed to read the log', async () => {
  expect(await allowedFor('https://evil.example')).toBeNull();
  expect(await allowedFor('http://127.0.0.1:1')).toBeNull();
  expect(await allowedFor('null')).toBeNull();
});

it("the server's own origin, and an origin it was given, may", async () => {
  expect(await allowedFor(`http://127.0.0.1:${server.port}`)).toBe(`http://127.0.0.1:${server.port}`);
  expect(await allowedFor(`http://localhost:${server.port}`)).toBe(`http://localhost:${server.port}`);
  expect(await allowedFor('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
});
