// Bundles the device entry (src/miniprogram.ts) into dist/miniprogram/: index.js (CommonJS,
// what WeChat's devtools "build npm" copies through the package's `miniprogram` field and
// what a mini-program's require() loads) and index.mjs (ESM, for uni-app and Taro builds),
// both ES2018 and unminified (the platforms' own build steps minify).
//
// The build fails if anything but the device's own code reaches the bundle: a Node
// built-in, `ws`, the ws or WHATWG engine, the testing kit or the CLI.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What may never be an input of the device bundle. */
export function forbiddenInputs(metafile) {
  return Object.keys(metafile.inputs).filter(
    (input) => input.startsWith('node:') || input.includes('node_modules/') || /src\/(engines\/(ws|whatwg)|testing|cli)/.test(input)
  );
}

/** Bundles `entry` for the device in `format` ('cjs' or 'esm'); returns the code and esbuild's metafile. */
export async function bundleMiniprogram({ entry = 'src/miniprogram.ts', format = 'cjs', minify = false, outfile } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2018',
    minify,
    metafile: true,
    write: false,
    outfile: outfile ?? 'out.js',
    legalComments: 'none',
    logLevel: 'silent'
  });
  const banned = forbiddenInputs(result.metafile);
  if (banned.length > 0) throw new Error(`device bundle of ${entry} pulls in ${banned.join(', ')}`);
  const code = result.outputFiles[0].text;
  if (outfile !== undefined) {
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(outfile, code);
  }
  return { code, metafile: result.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = resolve(root, process.argv[2] ?? 'dist', 'miniprogram');
  await bundleMiniprogram({ format: 'cjs', outfile: `${out}/index.js` });
  await bundleMiniprogram({ format: 'esm', outfile: `${out}/index.mjs` });
  // The package is "type": "module": this marks index.js as CommonJS for Node (the platforms ignore it).
  writeFileSync(`${out}/package.json`, '{ "type": "commonjs" }\n');
  console.log(`dist/miniprogram: index.js (CommonJS) and index.mjs (ESM), ES2018`);
}
