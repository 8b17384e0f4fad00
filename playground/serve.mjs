// `npm run playground`: serves the playground page and the browser bundle on the embedded
// test server (the same port speaks the WebSocket scenarios: /echo, /close/<code>/<reason>,
// /status/<n>, ...) and prints the URL. Ctrl-C stops it. Env PORT and HOST override the
// defaults (an ephemeral port on 127.0.0.1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestServer } from '../dist/esm/testing/index.js';
import { stagePlayground } from './site.mjs';

const dir = mkdtempSync(join(tmpdir(), 'minisocket-playground-'));
stagePlayground(dir, new URL('../dist/browser/minisocket.js', import.meta.url).pathname);
const server = await createTestServer({ static: dir, port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(`minisocket playground: ${server.url.replace(/^ws/, 'http')}/`);
console.log('press Ctrl-C to stop');

const stop = async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
