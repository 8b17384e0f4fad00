/**
 * One virtual user's client on every profile (and with reconnect), in process against the
 * testing kit's server: the Artillery runs in engine.test.ts use one profile each.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../src/testing/index.js';

type SessionClass = new (
  config: { profile: string; header: Record<string, string>; protocols: string[]; timeout?: number; reconnect?: unknown },
  ee: EventEmitter
) => {
  connect(step: string, url: string): Promise<void>;
  send(step: string, data: string | ArrayBuffer): Promise<void>;
  expect(step: string, matcher: unknown, expected: unknown, timeout: number): Promise<void>;
  close(step: string, code?: number, reason?: string): Promise<void>;
  end(): void;
};
const { Session } = createRequire(import.meta.url)('../dist/session.js') as { Session: SessionClass };

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

function counting(): { ee: EventEmitter; counters: Record<string, number> } {
  const ee = new EventEmitter();
  const counters: Record<string, number> = {};
  ee.on('counter', (name: string, value: number) => {
    counters[name] = (counters[name] ?? 0) + value;
  });
  return { ee, counters };
}

describe('a virtual user on each profile', () => {
  it.each(['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my'])('%s: connect, send, expect, close', async (profile) => {
    const { ee, counters } = counting();
    const session = new Session({ profile, header: {}, protocols: [] }, ee);
    try {
      await session.connect('connect', `${server.url}/echo`);
      await session.send('send', 'hi');
      await session.expect('expect', { kind: 'text', text: 'hi' }, 'hi', 2000);
      await session.close('close', 4000, 'bye');
    } finally {
      session.end();
    }
    expect(counters).toMatchObject({
      'minisocket.connections': 1,
      'minisocket.messages_sent': 1,
      'minisocket.messages_received': 1,
      'minisocket.close.4000': 1
    });
  });

  it('with reconnect: true, the same steps on a reconnecting task', async () => {
    const { ee, counters } = counting();
    const session = new Session({ profile: 'wx', header: {}, protocols: [], reconnect: true }, ee);
    try {
      await session.connect('connect', `${server.url}/echo`);
      await session.send('send', 'again');
      await session.expect('expect', { kind: 'text', text: 'again' }, 'again', 2000);
      await session.close('close', 1000);
    } finally {
      session.end();
    }
    expect(counters['minisocket.close.1000']).toBe(1);
  });

  it('an expect with nothing to read fails with the step and the timeout, and end() leaves nothing running', async () => {
    const { ee } = counting();
    const session = new Session({ profile: 'standard', header: {}, protocols: [] }, ee);
    await session.connect('connect', `${server.url}/echo`);
    await expect(session.expect('flow[1] (expect)', { kind: 'text', text: 'x' }, 'x', 50)).rejects.toThrow(
      'flow[1] (expect): no message within 50 ms'
    );
    session.end();
  });
});
