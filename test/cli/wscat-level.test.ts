/**
 * What a terminal user of wscat expects from `minisocket connect` and `serve`, each on the
 * built binary: a URL without a scheme, TLS client certificates, --origin and --auth,
 * control frames both ways, --no-color, --keep-open, input typed while connecting, one
 * line per failure, serve's request headers, and hostile peer text kept to one line.
 */
import { createPrivateKey } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocket as WsClient, WebSocketServer, type WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, Child, cleanEnv, ensureBuilt, ROOT, run, startServe, type Finished } from './helpers.js';

const CERT = join(ROOT, 'test/fixtures/localhost-cert.pem');
const KEY = join(ROOT, 'test/fixtures/localhost-key.pem');
/** What no printed line may hold: C1 controls, a bidi override, a line separator. */
const HOSTILE = /[\u0080-\u009f\u202e\u2028]/;

let url: string;
let stopServe: () => Promise<Finished>;
beforeAll(async () => {
  ensureBuilt();
  ({ url, stop: stopServe } = await startServe());
});

afterAll(async () => {
  await stopServe();
});

/** A `ws` server on 127.0.0.1 whose connection handler the test writes. */
async function wsServer(
  onConnection: (ws: WebSocket) => void,
  onHeaders?: (headers: string[]) => void
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', onConnection);
  if (onHeaders) server.on('headers', onHeaders);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      })
  };
}

describe('the URL', () => {
  it('host:port/path without a scheme means ws://, with or without the connect word', async () => {
    const bare = url.replace(/^ws:\/\//, '');
    for (const args of [
      [`${bare}/echo`, '--json'],
      ['connect', `${bare}/echo`, '--json']
    ]) {
      const finished = await run(args, 'hi\n');
      expect(finished.status, finished.stderr).toBe(0);
      expect(finished.stdout).toContain('{"event":"message","type":"text","data":"hi"}');
    }
  });

  it('a URL connectSocket refuses is printed once for people (the onError repeating it is --json only)', async () => {
    const finished = await run(['connect', 'http://example.com/']);
    expect(finished.status).toBe(2);
    const failures = finished.stdout.split('\n').filter((line) => line.startsWith('!'));
    expect(failures).toEqual(['! fail connectSocket:fail invalid url "http://example.com/" (errCode 600009)']);
  });
});

describe('request headers: --origin, --auth', () => {
  it('sends Origin and HTTP Basic Authorization', async () => {
    const child = new Child(['connect', `${url}/headers`, '--origin', 'https://app.example', '--auth', 'ann:s3cr:et', '--json']);
    const message = await child.event({ event: 'message' });
    const seen = JSON.parse(message.data as string) as Record<string, string>;
    expect(seen.origin).toBe('https://app.example');
    expect(seen.authorization).toBe(`Basic ${Buffer.from('ann:s3cr:et').toString('base64')}`);
    child.end();
    expect((await child.done()).status).toBe(0);
  });
});

describe('TLS: --ca, --cert, --key, --passphrase', () => {
  let wssUrl: string;
  let close: () => Promise<void>;
  const work = mkdtempSync(join(tmpdir(), 'minisocket-cli-tls-'));
  const encryptedKey = join(work, 'key.enc.pem');

  beforeAll(async () => {
    const cert = readFileSync(CERT, 'utf8');
    // An encrypted copy of the fixture key, for --passphrase.
    writeFileSync(
      encryptedKey,
      createPrivateKey(readFileSync(KEY, 'utf8')).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' })
    );
    // The server asks for a client certificate and trusts the fixture's self-signed one.
    const https = createHttpsServer({ cert, key: readFileSync(KEY, 'utf8'), ca: cert, requestCert: true, rejectUnauthorized: true });
    const wss = new WebSocketServer({ server: https });
    wss.on('connection', (ws, request) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      ws.send(`client certificate CN=${peer.subject?.CN ?? 'none'}`);
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    wssUrl = `wss://127.0.0.1:${(https.address() as AddressInfo).port}/`;
    close = () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        https.close(() => resolve());
      });
  });

  afterAll(async () => {
    await close();
    rmSync(work, { recursive: true, force: true });
  });

  it('--ca trusts the server, --cert/--key present a client certificate', async () => {
    const finished = await run(['connect', wssUrl, '--ca', CERT, '--cert', CERT, '--key', KEY, '--json', '--wait', '2000'], '');
    expect(finished.stdout).toContain('"data":"client certificate CN=localhost"');
    expect(finished.status, finished.stdout + finished.stderr).toBe(0);
  });

  it('--passphrase unlocks an encrypted key', async () => {
    const finished = await run(
      ['connect', wssUrl, '--ca', CERT, '--cert', CERT, '--key', encryptedKey, '--passphrase', 'open sesame', '--json', '--wait', '2000'],
      ''
    );
    expect(finished.stdout).toContain('"data":"client certificate CN=localhost"');
    expect(finished.status).toBe(0);
  });

  it('without the client certificate the server refuses: the handshake fails (exit 3)', async () => {
    const finished = await run(['connect', wssUrl, '--ca', CERT, '--json'], '');
    expect(finished.status).toBe(3);
    expect(finished.stdout).toContain('"event":"error"');
  });

  it('without --ca the self-signed server is not trusted (exit 3, TLS errCode)', async () => {
    const finished = await run(['connect', wssUrl, '--cert', CERT, '--key', KEY, '--json'], '');
    expect(finished.status).toBe(3);
    expect(finished.stdout).toContain('"errCode":610023');
  });
});

describe('control frames', () => {
  it('/ping with data gets its pong printed with the data; /pong sends one the server sees; server pings are shown', async () => {
    const pongs: string[] = [];
    const server = await wsServer((ws) => {
      ws.on('pong', (data) => pongs.push(data.toString()));
      ws.on('message', (data) => {
        if (data.toString() === 'ping me') ws.ping(Buffer.from('from server'));
      });
    });
    try {
      const child = new Child(['connect', server.url, '--json']);
      await child.event({ event: 'open' });
      child.write('/ping are you there\n');
      expect(await child.event({ event: 'pong' })).toEqual({ event: 'pong', data: 'are you there' });
      child.write('/pong unsolicited\n');
      child.write('ping me\n');
      expect(await child.event({ event: 'server-ping' })).toEqual({ event: 'server-ping', data: 'from server' });
      child.end();
      expect((await child.done()).status).toBe(0);
      // The unsolicited pong, then ws's automatic answer to the server's ping.
      expect(pongs).toEqual(['unsolicited', 'from server']);
      expect(
        child
          .events()
          .filter((e) => e.event === 'ping' || e.event === 'pong')
          .map((e) => e.event)
      ).toEqual(['ping', 'pong', 'pong']);
    } finally {
      await server.close();
    }
  });

  it('human output shows a server ping as one line', async () => {
    const server = await wsServer((ws) => ws.ping(Buffer.from('hb')));
    try {
      const child = new Child(['connect', server.url]);
      await child.line((line) => line.startsWith('< ping'));
      child.end();
      await child.done();
      expect(child.lines).toContain('< ping "hb" (answered)');
    } finally {
      await server.close();
    }
  });
});

describe('input and the connection state', () => {
  it('lines typed while connecting are sent once the socket opens, in order', async () => {
    const child = new Child(['connect', `${url}/slow/300`, '--json', '--wait', '1500']);
    child.write('early one\nearly two\n');
    await child.event({ event: 'open' });
    child.end();
    const finished = await child.done();
    expect(finished.status).toBe(0);
    const events = child
      .events()
      .map((e) => (e.event === 'send' || e.event === 'message' ? `${String(e.event)} ${String(e.data)}` : String(e.event)));
    expect(events.slice(0, 4)).toEqual(['connect', 'open', 'send early one', 'send early two']);
    expect(events.filter((e) => e.startsWith('message'))).toEqual(['message early one', 'message early two']);
  });

  it('lines that never got an open socket are named on stderr, not dropped silently', async () => {
    const finished = await run(['connect', `${url}/status/503`], 'lost one\nlost two\n');
    expect(finished.status).toBe(3);
    expect(finished.stderr).toContain('minisocket: 2 input lines were not sent: the connection never opened first');
  });

  it('--keep-open stays connected after the end of input until the server closes', async () => {
    const server = await wsServer((ws) => {
      ws.on('message', () =>
        setTimeout(() => {
          ws.send('much later');
          ws.close(4002, 'done');
        }, 800)
      );
    });
    try {
      const finished = await run(['connect', server.url, '--keep-open', '--json'], 'hello\n');
      const events = finished.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events.filter((e) => e.event === 'message').map((e) => e.data)).toEqual(['much later']);
      expect(events.at(-1)).toEqual({ event: 'close', code: 4002, reason: 'done' });
      expect(events.some((e) => e.event === 'closing')).toBe(false);
      expect(finished.status).toBe(5);
    } finally {
      await server.close();
    }
  });
});

describe('colour', () => {
  /** Runs the binary on a pseudo-terminal (util-linux `script`), where colour is on by default. */
  function onTerminal(args: string[]): Promise<string> {
    const command = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    return new Promise((resolve, reject) => {
      execFile('script', ['-qec', command, '/dev/null'], { env: cleanEnv(), timeout: 15_000 }, (error, stdout) =>
        error && !stdout ? reject(error) : resolve(stdout)
      );
    });
  }

  it('a terminal gets colours; --no-color turns them off', async () => {
    expect(await onTerminal(['demo'])).toContain('\u001b[');
    const plain = await onTerminal(['connect', `${url}/close/1000`, '--no-color']);
    expect(plain).toContain('* close 1000');
    // (The pty also gets the prompt's line-erase sequence: colour means SGR codes such as dim, \u001b[2m.)
    expect(plain).not.toContain('\u001b[2m');
    expect(plain).not.toContain('\u001b[33m');
    const coloured = await onTerminal(['connect', `${url}/close/1000`]);
    expect(coloured).toContain('\u001b[2m');
    expect(coloured).toContain('\u001b[33m');
  });
});

describe('hostile peer text stays on one line per event', () => {
  const EVIL = 'a\nfake line\u001b[2J\u009b31m\u202egnp.exe\u2028b';
  const SHOWN = 'a\\nfake line\\x1b[2J\\x9b31m\\u202egnp.exe\\u2028b';

  it('connect: messages, close reasons and response header values are escaped', async () => {
    const server = await wsServer(
      (ws) => {
        ws.send(EVIL);
        ws.close(4000, 'bye\r\nx\u009b');
      },
      // A response header with C1 bytes (HTTP allows obs-text; Node reads it as latin1).
      (headers) => headers.push('X-Evil: one\u009btwo\u0085three')
    );
    try {
      const finished = await run(['connect', server.url]);
      const lines = finished.stdout.split('\n');
      expect(lines).toContain(`< ${SHOWN}`);
      expect(lines).toContain('* close 4000 "bye\\r\\nx\\x9b"');
      // ws writes the header as UTF-8 and Node reads it as latin1: U+00C2 (printable) before each C1, which is escaped.
      expect(lines).toContain('    x-evil: one\u00c2\\x9btwo\u00c2\\x85three');
      for (const line of lines) expect(line).not.toMatch(HOSTILE);
      // --json carries the text exactly.
      const json = await run(['connect', server.url, '--json']);
      expect(json.stdout).toContain(JSON.stringify({ event: 'message', type: 'text', data: EVIL }));
    } finally {
      await server.close();
    }
  });

  it('serve (human output): request headers are shown, escaped, one per line', async () => {
    const human = new Child(['serve', '--port', '0']);
    try {
      const listening = await human.line((line) => line.startsWith('minisocket test server on '));
      const serveUrl = listening.slice('minisocket test server on '.length);
      const client = new WsClient(`${serveUrl}/echo`, { headers: { 'X-Trace': 'abc-123', 'X-Evil': 'one\u009btwo\u0085three' } });
      await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
      client.send(EVIL);
      await new Promise((resolve) => client.once('message', resolve));
      client.close(1000);
      await human.line((line) => line.includes('close 1000'));
      expect(human.lines).toContain('    x-trace: abc-123');
      expect(human.lines).toContain('    x-evil: one\\x9btwo\\x85three');
      expect(human.lines.some((line) => line.endsWith(`< ${SHOWN}`))).toBe(true);
      for (const line of human.lines) expect(line).not.toMatch(HOSTILE);
    } finally {
      human.proc.kill('SIGTERM');
      await human.done();
    }
  });
});

describe('backpressure: a reader that stops reading stops the socket being read', () => {
  it("while stdout is not read the server's data stays in its send buffer; once read, every message is printed", async () => {
    const MESSAGES = 24;
    const chunk = 'x'.repeat(1024 * 1024);
    let server: WebSocket | undefined;
    let connected!: () => void;
    const sent = new Promise<void>((resolve) => (connected = resolve));
    const listening = await wsServer((ws) => {
      server = ws;
      for (let i = 0; i < MESSAGES; i++) ws.send(`${i} ${chunk}`);
      connected();
    });
    try {
      // A longer limit than the default: 24 MiB of JSON through a pipe on a busy machine.
      const child = new Child(['connect', listening.url, '--json', '--keep-open'], undefined, 110_000);
      // The test does not read the child's stdout for now: its pipe fills up.
      child.proc.stdout.pause();
      // Without backpressure the client would read all 24 MiB into memory at once and the server's buffer would empty.
      await sent;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(server?.bufferedAmount ?? 0).toBeGreaterThan(4 * 1024 * 1024);
      child.proc.stdout.resume();
      const printed = (): number => child.lines.filter((line) => line.startsWith('{"event":"message"')).length;
      for (let waited = 0; printed() < MESSAGES && waited < 80_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
      server?.close(1000);
      const finished = await child.done();
      expect(finished.status).toBe(0);
      expect(child.events().filter((e) => e.event === 'message')).toHaveLength(MESSAGES);
    } finally {
      await listening.close();
    }
  }, 120_000);
});
