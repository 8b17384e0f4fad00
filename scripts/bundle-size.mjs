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

// The device build (src/miniprogram.ts, scripts/build-miniprogram.mjs), minified and gzipped
// as above, ES2018: everything (all profiles, the native engine, the reconnect layer), and
// the lean build a bundler makes for one profile plus the native engine
// (`createSocketApiFor(wxProfile, { native: wx })`), with and without the reconnect layer.
const { bundleMiniprogram } = await import('./build-miniprogram.mjs');
const { build } = await import('esbuild');
const measure = (text) => {
  const buffer = Buffer.from(text);
  return { minified: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
};
async function lean(body) {
  const result = await build({
    stdin: {
      contents: `import { createSocketApiFor, wxProfile, reconnectLayer } from './src/miniprogram.ts';\n${body}`,
      resolveDir: process.cwd(),
      loader: 'ts'
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2018',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent'
  });
  return measure(result.outputFiles[0].text);
}
const device = {
  everything: measure((await bundleMiniprogram({ format: 'esm', minify: true })).code),
  oneProfile: await lean('export const api = (native) => createSocketApiFor(wxProfile, { native });'),
  oneProfileWithReconnect: await lean('export const api = (native) => createSocketApiFor(wxProfile, { native }, reconnectLayer);')
};
if (process.argv.includes('--json')) console.log(JSON.stringify({ device }));
else {
  const kb = ({ minified, gzip }) => `minified ${(minified / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB (${gzip} bytes)`;
  console.log(`device build, everything: ${kb(device.everything)}`);
  console.log(`device build, wx profile + native engine: ${kb(device.oneProfile)}`);
  console.log(`device build, wx profile + native engine + reconnect: ${kb(device.oneProfileWithReconnect)}`);
}
