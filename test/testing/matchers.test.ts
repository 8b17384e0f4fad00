/**
 * The matchers as Vitest runs them (`import 'minisocket/testing/vitest'` registers them and
 * their types): what passes, what fails, and the failure texts a user reads.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { connectSocket } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer<unknown>;
beforeAll(async () => {
  server = await createTestServer({ json: true });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

/** The message of the error a failed assertion throws, without colours. */
async function failure(assertion: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof assertion === 'function' ? assertion() : assertion);
  } catch (error) {
    return (error as Error).message.replace(ANSI_COLOUR, '');
  }
  throw new Error('the assertion passed');
}

const join = JSON.stringify({ type: 'join', room: 7 });

describe('toReceiveMessage', () => {
  it('passes on the next message, on a connection and on the server', async () => {
    const task = connectSocket({ url: `${server.url}/chat` });
    const chat = await server.nextConnection();
    task.send({ data: join });
    task.send({ data: JSON.stringify({ type: 'bye' }) });
    await expect(chat).toReceiveMessage({ type: 'join', room: 7 });
    await expect(server).toReceiveMessage({ type: 'bye' });
    await expect(chat).not.toReceiveMessage({ type: 'anything' }, { timeout: 20 });
  });

  it('fails in about the default second when nothing arrives, naming what was awaited and what arrived', async () => {
    connectSocket({ url: `${server.url}/quiet` });
    const chat = await server.nextConnection();
    const text = await failure(expect(chat).toReceiveMessage({ type: 'join' }));
    expect(text).toBe(
      'expect(connection).toReceiveMessage(expected)\n\n' +
        'Expected the connection to /quiet to receive {"type":"join"} within 1000 ms, got nothing.\n' +
        'expected a message on the connection to /quiet within 1000 ms, got nothing (it received no message at all)'
    );
    expect(await failure(expect(server).toReceiveMessage('x', { timeout: 10 }))).toContain(
      'Expected the server to receive "x" within 10 ms, got nothing.\nexpected the server to receive a message within 10 ms, got nothing (it received no message at all; 1 connection(s) open)'
    );
  });

  it('shows a diff when another message arrived', async () => {
    const task = connectSocket({ url: `${server.url}/chat` });
    const chat = await server.nextConnection();
    task.send({ data: JSON.stringify({ type: 'join', room: 8 }) });
    const text = await failure(expect(chat).toReceiveMessage({ type: 'join', room: 7 }));
    expect(text).toContain('The next message the connection to /chat received is not the expected one.');
    expect(text).toContain('- Expected');
    expect(text).toContain('+ Received');
    expect(text).toMatch(/-\s+"room": 7,/);
    expect(text).toMatch(/\+\s+"room": 8,/);
  });

  it('refuses what is neither a server nor a connection', async () => {
    await expect(expect({}).toReceiveMessage('x')).rejects.toThrow(
      'minisocket/testing: toReceiveMessage needs a test server or a connection from server.nextConnection(), got object'
    );
  });
});

describe('toHaveReceivedMessages', () => {
  it('checks the messages so far, in order, others allowed between', async () => {
    const task = connectSocket({ url: `${server.url}/list` });
    const chat = await server.nextConnection();
    for (const n of [1, 2, 3]) task.send({ data: JSON.stringify({ n }) });
    await chat.nextMessage();
    await chat.nextMessage();
    await chat.nextMessage();
    expect(chat).toHaveReceivedMessages([{ n: 1 }, { n: 3 }]);
    expect(server).toHaveReceivedMessages([{ n: 2 }]);
    expect(chat).not.toHaveReceivedMessages([{ n: 3 }, { n: 1 }]);
    const text = await failure(() => expect(chat).toHaveReceivedMessages([{ n: 4 }]));
    expect(text).toContain('Expected the connection to /list to have received these messages, in this order.');
    expect(text).toMatch(/\+\s+"n": 3,/);
  });
});

describe('toHaveClosed', () => {
  it('waits for the close and compares the code and reason given', async () => {
    const task = connectSocket({ url: `${server.url}/bye` });
    const chat = await server.nextConnection();
    task.close({ code: 4001, reason: 'kicked' });
    await expect(chat).toHaveClosed({ code: 4001, reason: 'kicked' });
    await expect(chat).toHaveClosed({ code: 4001 });
    await expect(chat).toHaveClosed();
    const text = await failure(expect(chat).toHaveClosed({ code: 1000, reason: 'kicked' }));
    expect(text).toContain('the connection to /bye closed otherwise.');
    expect(text).toMatch(/-\s+"code": 1000,/);
    expect(text).toMatch(/\+\s+"code": 4001,/);
  });

  it('says the connection is still open after the timeout', async () => {
    connectSocket({ url: `${server.url}/stay` });
    const chat = await server.nextConnection();
    expect(await failure(expect(chat).toHaveClosed({ code: 1000 }, { timeout: 20 }))).toBe(
      'expect(connection).toHaveClosed(expected)\n\nExpected the connection to /stay to close with {"code":1000}.\n' +
        'expected the connection to /stay to close within 20 ms, but it is still open (messages received: none)'
    );
  });
});
