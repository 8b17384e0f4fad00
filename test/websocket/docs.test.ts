/**
 * docs/websocket.md's examples, run as written: each `<!-- example: name -->` block is
 * saved as an .mjs file inside the package (so `import 'minisocket'` resolves to the built
 * package, as for a user), its server address is pointed at a real server on loopback,
 * and what it prints must be the ```text block that follows it in the page.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { useServer } from 'graphql-ws/use/ws';
import { Server as IoServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/websocket.md', root), 'utf8');
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** name -> { code, prints } from the page. */
function examples(): Map<string, { code: string; prints: string }> {
  const found = new Map<string, { code: string; prints: string }>();
  for (const m of page.matchAll(/<!-- example: ([\w.-]+) -->\n```js\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/g)) {
    found.set(m[1]!, { code: m[2]!, prints: m[3]! });
  }
  return found;
}

function run(name: string, code: string): Promise<{ stdout: string; stderr: string }> {
  const dir = new URL('.tmp/docs-examples/', root);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${name}.mjs`, dir);
  writeFileSync(file, code);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file.pathname], { cwd: root.pathname, timeout: 15_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr })
    );
  });
}

async function listen(server: HttpServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('docs/websocket.md examples', () => {
  const blocks = examples();
  const closers: Array<() => Promise<void>> = [];
  const ports = { io: 0, mqtt: 0, graphql: 0 };

  beforeAll(async () => {
    const ioHttp = createServer();
    const io = new IoServer(ioHttp, { transports: ['websocket'] });
    io.on('connection', (socket) => socket.on('hello', (name: string, ack: (reply: string) => void) => ack(`hello ${name}`)));
    ports.io = await listen(ioHttp);
    closers.push(() => new Promise((resolve) => io.close(() => resolve())));

    const broker = await Aedes.createBroker();
    const mqttHttp = createServer();
    const wss = new WebSocketServer({ server: mqttHttp });
    wss.on('connection', (ws) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => undefined);
      broker.handle(stream as never);
    });
    ports.mqtt = await listen(mqttHttp);
    closers.push(async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      mqttHttp.closeAllConnections();
      await new Promise<void>((resolve) => mqttHttp.close(() => resolve()));
    });

    const gqlHttp = createServer();
    const gqlWss = new WebSocketServer({ server: gqlHttp, path: '/graphql' });
    const gql = useServer({ schema: buildSchema('type Query { hello: String }'), roots: { query: { hello: () => 'world' } } }, gqlWss);
    ports.graphql = await listen(gqlHttp);
    closers.push(async () => {
      await gql.dispose();
      gqlWss.close();
      gqlHttp.closeAllConnections();
      await new Promise<void>((resolve) => gqlHttp.close(() => resolve()));
    });
  });

  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('has a conformance test for each row of the conformance table, and a row for each test', () => {
    const section = page.slice(page.indexOf('## Conformance'), page.indexOf('## Decisions'));
    const rows = [...section.matchAll(/^\| (.+?) \| (?:yes|no|partly) \|/gm)].map((m) => m[1]!.replaceAll('`', ''));
    const tests = readFileSync(new URL('test/websocket/conformance.test.ts', root), 'utf8');
    const described = [...tests.matchAll(/^describe\('(.+?)'/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(described);
  });

  it('has the three examples, each followed by what it prints', () => {
    expect([...blocks.keys()]).toEqual(['socket.io', 'mqtt', 'graphql-ws']);
  });

  const cases: Array<[string, string, () => string]> = [
    ['socket.io', 'http://127.0.0.1:3000', () => `http://127.0.0.1:${ports.io}`],
    ['mqtt', 'ws://127.0.0.1:8083/mqtt', () => `ws://127.0.0.1:${ports.mqtt}/mqtt`],
    ['graphql-ws', 'ws://127.0.0.1:4000/graphql', () => `ws://127.0.0.1:${ports.graphql}/graphql`]
  ];
  for (const [name, address, local] of cases) {
    it(`runs the ${name} example as written`, async () => {
      const block = blocks.get(name)!;
      expect(block.code).toContain(`'${address}'`);
      const { stdout } = await run(name, block.code.replace(`'${address}'`, `'${local()}'`));
      expect(stdout).toBe(block.prints);
    });
  }
});
