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
// And what a web app's bundler makes of the `browser` entry (dist/esm/browser.js) when the
// app imports the API functions only: the WebSocket facade is left out.
const { build: esbuild } = await import('esbuild');
const app = await esbuild({
  stdin: { contents: "export { connectSocket, createSocketApi } from './src/browser.ts';", resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'silent'
});
const appBytes = Buffer.from(app.outputFiles[0].text);
sizes.bundledWithoutFacade = { minified: appBytes.length, gzip: gzipSync(appBytes, { level: 9 }).length };
if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
else {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  console.log(`browser bundle: minified ${kib(sizes.minified)}, gzip ${kib(sizes.gzip)}, brotli ${kib(sizes.brotli)}`);
  const { minified, gzip } = sizes.bundledWithoutFacade;
  console.log(`browser entry through a bundler, API functions only (no WebSocket facade): minified ${kib(minified)}, gzip ${kib(gzip)}`);
}

// The device build (src/miniprogram.ts, scripts/build-miniprogram.mjs), minified and gzipped
// as above, ES2018: everything (all profiles, the native engine, the reconnect layer, the
// WebSocket facade), and the lean build a bundler makes for one profile plus the native
// engine (`createSocketApiFor(wxProfile, { native: wx })`), with and without the reconnect
// layer, from the sources (what a bundler gets from dist/esm, whose modules package.json's
// `sideEffects` lets it drop) and from the one-file dist/miniprogram/index.mjs that uni-app
// and Taro builds import (there a bundler can drop only the statements without effects).
// The core's floor is the same API object with no engine at all. `--inputs` lists, for the
// lean build, the bytes each source file adds.
const { bundleMiniprogram } = await import('./build-miniprogram.mjs');
const { build } = await import('esbuild');
const measure = (text) => {
  const buffer = Buffer.from(text);
  return { minified: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
};
const oneFile = (await bundleMiniprogram({ format: 'esm' })).code;
async function lean(body, from = './src/miniprogram.ts') {
  const result = await build({
    stdin: {
      contents: `import { createSocketApiFor, wxProfile, reconnectLayer } from '${from}';\n${body}`,
      resolveDir: process.cwd(),
      loader: 'ts'
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2018',
    minify: true,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    outfile: 'out.js',
    // The shipped file, as a bundler resolves the package's import: the one module it is.
    plugins: [
      {
        name: 'one-file',
        setup(b) {
          b.onResolve({ filter: /^minisocket\/miniprogram$/ }, () => ({ path: 'index.mjs', namespace: 'one-file' }));
          b.onLoad({ filter: /.*/, namespace: 'one-file' }, () => ({ contents: oneFile, loader: 'js' }));
        }
      }
    ]
  });
  return { ...measure(result.outputFiles[0].text), inputs: Object.values(result.metafile.outputs)[0].inputs };
}
const ONE = 'export const api = (native) => createSocketApiFor(wxProfile, { native });';
const device = {
  everything: measure((await bundleMiniprogram({ format: 'esm', minify: true })).code),
  oneProfile: await lean(ONE),
  oneProfileShipped: await lean(ONE, 'minisocket/miniprogram'),
  oneProfileWithReconnect: await lean('export const api = (native) => createSocketApiFor(wxProfile, { native }, reconnectLayer);'),
  coreFloor: await lean(
    "import { createApi } from './src/api/create-api.ts';\nexport const api = (engine) => createApi({ engine, profile: 'wx' }, () => engine, undefined, { wx: wxProfile });"
  )
};
const lines = {
  everything: 'device build, everything',
  oneProfile: 'device build, wx profile + native engine',
  oneProfileShipped: 'device build, wx profile + native engine, from the shipped index.mjs',
  oneProfileWithReconnect: 'device build, wx profile + native engine + reconnect',
  coreFloor: 'device build, wx profile with no engine (the core alone)'
};
if (process.argv.includes('--json')) {
  const strip = ({ minified, gzip }) => ({ minified, gzip });
  console.log(JSON.stringify({ device: Object.fromEntries(Object.entries(device).map(([k, v]) => [k, strip(v)])) }));
} else {
  const kb = ({ minified, gzip }) => `minified ${(minified / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB (${gzip} bytes)`;
  for (const [key, label] of Object.entries(lines)) console.log(`${label}: ${kb(device[key])}`);
}
if (process.argv.includes('--inputs')) {
  const rows = Object.entries(device.oneProfile.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  console.log('\nwx profile + native engine, minified bytes by source file:');
  for (const [input, { bytesInOutput }] of rows) if (bytesInOutput > 0) console.log(`${String(bytesInOutput).padStart(7)}  ${input}`);
}
