/**
 * Plain-HTTP file serving for the test server's `static` option: the playground page and
 * the browser test page are served from the same origin as the WebSocket scenarios, so a
 * page needs no CORS and no second port. Loopback development use only: no caching, no
 * ranges, nothing outside the directory.
 */
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8'
};

/** Answers a GET or HEAD for a file under `root` (`/` is `index.html`); false when there is none. */
export function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    return false;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const base = resolve(root);
  const file = resolve(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) return false;
  let body: Buffer;
  try {
    if (!statSync(file).isFile()) return false;
    body = readFileSync(file);
  } catch {
    return false;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    Connection: 'close'
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
