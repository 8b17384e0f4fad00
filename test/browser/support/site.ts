/**
 * The one test site: a browser module bundled with esbuild (together with what it imports
 * from src/) into a temporary directory, served by the test server's `static` option, so
 * the page and the WebSocket scenarios share one loopback origin.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { createTestServer, type TestServer } from '../../../src/testing/index.js';

export interface Site {
  server: TestServer;
  dir: string;
  /** `http://127.0.0.1:PORT/`, the page. */
  pageUrl: string;
  metafile: Metafile;
  close(): Promise<void>;
}

const page = (title: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<script type="module" src="page.js"></script></head><body></body></html>\n`;

export interface SiteOptions {
  /** The page's title. */
  title?: string;
  /** esbuild's `alias`: module names the bundle resolves elsewhere (Taro's H5 build and its stubs). */
  alias?: Record<string, string>;
}

/** Bundles `entry` (a browser module) as page.js next to a page that loads it, and serves both. */
export async function startSite(entry: string, options: SiteOptions = {}): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'minisocket-browser-'));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    metafile: true,
    outfile: join(dir, 'page.js'),
    ...(options.alias === undefined ? {} : { alias: options.alias }),
    logLevel: 'silent'
  });
  writeFileSync(join(dir, 'index.html'), page(options.title ?? 'minisocket browser test'));
  const server = await createTestServer({ static: dir });
  return {
    server,
    dir,
    pageUrl: `${server.url.replace(/^ws/, 'http')}/`,
    metafile: result.metafile,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
