/**
 * The Taro H5 test page: test/browser/page/taro-h5-page.ts bundled by esbuild with Taro's
 * H5 websocket module (scripts/fetch-taro-h5.mjs) and two stubs, served by a test server
 * so that the page and the scenarios share one loopback origin.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { createTestServer, type TestServer } from '../../../src/testing/index.js';
// @ts-expect-error: a build script in JavaScript, without types
import { ensureTaroH5 } from '../../../scripts/fetch-taro-h5.mjs';

export interface TaroSite {
  server: TestServer;
  pageUrl: string;
  metafile: Metafile;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>minisocket over Taro H5</title>
<script type="module" src="page.js"></script></head><body></body></html>\n`;

export async function startTaroSite(): Promise<TaroSite> {
  const taro = ensureTaroH5() as string;
  const stubs = resolve('test/browser/page/taro-stubs.ts');
  const dir = mkdtempSync(join(tmpdir(), 'minisocket-taro-'));
  const result = await build({
    entryPoints: ['test/browser/page/taro-h5-page.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    metafile: true,
    outfile: join(dir, 'page.js'),
    alias: {
      '@tarojs/taro-h5': join(taro, 'taro-h5'),
      '@tarojs/shared': join(taro, 'shared', 'dist', 'shared.esm.js'),
      '@tarojs/api': stubs,
      '@tarojs/runtime': stubs
    },
    logLevel: 'silent'
  });
  writeFileSync(join(dir, 'index.html'), PAGE);
  const server = await createTestServer({ static: dir });
  return {
    server,
    pageUrl: `${server.url.replace(/^ws/, 'http')}/`,
    metafile: result.metafile,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
