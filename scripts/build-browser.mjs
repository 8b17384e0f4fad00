// Bundles the browser entry (src/browser.ts) into dist/browser/minisocket.js: one ESM
// file, minified, for a <script type="module"> or a CDN. Bundlers should use the package's
// `browser` condition instead (dist/esm/browser.js), which they can tree-shake.
//
// The build fails if anything Node-only reaches the bundle: a `node:` module, `ws`, or
// Node's Buffer (the browser has none, and a bundler's polyfill would be dead weight).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What may never be an input of a browser bundle. */
export function nodeOnlyInputs(metafile) {
  return Object.keys(metafile.inputs).filter(
    (input) => input.startsWith('node:') || /(^|\/)node_modules\/ws\//.test(input) || input.includes('/engines/ws')
  );
}

/** `Buffer` as an identifier (not as part of ArrayBuffer or SharedArrayBuffer). */
export function mentionsBuffer(code) {
  return /(?<![A-Za-z0-9_$])Buffer(?![A-Za-z0-9_$])/.test(code);
}

/**
 * Bundles `entry` for browsers. With `outfile` it writes the file; it always returns the
 * code and esbuild's metafile.
 */
export async function bundleBrowser({ entry = 'src/browser.ts', outfile, minify = true, sourcemap = false } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: sourcemap ? 'linked' : false,
    metafile: true,
    write: false,
    outfile: outfile ?? 'out.js',
    legalComments: 'none',
    logLevel: 'silent'
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const banned = nodeOnlyInputs(result.metafile);
  if (banned.length > 0) throw new Error(`browser bundle of ${entry} pulls in Node-only code: ${banned.join(', ')}`);
  if (mentionsBuffer(js.text)) throw new Error(`browser bundle of ${entry} mentions Node's Buffer`);
  if (outfile !== undefined) {
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
    }
  }
  return { code: js.text, metafile: result.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The output folder may be given (the build writes to a staging folder first).
  const outfile = resolve(root, process.argv[2] ?? 'dist', 'browser/minisocket.js');
  const { code } = await bundleBrowser({ outfile, sourcemap: true });
  console.log(`dist/browser/minisocket.js: ${code.length} bytes minified`);
}
