// Measures the browser bundle as a page downloads it: minified, then gzipped (level 9,
// what a CDN or `gzip -9` serves) and brotli-compressed, from a fresh esbuild bundle of
// src/browser.ts. `--json` prints the figures as JSON.
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { bundleBrowser } from './build-browser.mjs';

const { code } = await bundleBrowser();
const bytes = Buffer.from(code);
const sizes = {
  minified: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
};
if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
else {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  console.log(`browser bundle: minified ${kib(sizes.minified)}, gzip ${kib(sizes.gzip)}, brotli ${kib(sizes.brotli)}`);
}
