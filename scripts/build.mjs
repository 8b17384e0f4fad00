// Builds dist/esm (ESM + .d.ts), dist/cjs (CommonJS + .d.ts) and dist/browser (one ESM
// bundle) from src/. Everything is written to a staging folder first and swapped in at the
// end, so a test or bench that is reading dist/ never sees it half-built.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const stage = `dist.staging-${process.pid}`;
const node = (...args) => execFileSync(process.execPath, args, { stdio: 'inherit' });
const tsc = (...args) => node('node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', ...args);

try {
  tsc('--outDir', `${stage}/esm`);
  tsc('--module', 'commonjs', '--moduleResolution', 'node10', '--outDir', `${stage}/cjs`, '--sourceMap', 'false');
  mkdirSync(`${stage}/cjs`, { recursive: true });
  // The package is "type": "module"; this marks the CommonJS tree as such for Node's loader.
  writeFileSync(`${stage}/cjs/package.json`, '{ "type": "commonjs" }\n');
  // The browser bundle; it fails if Node-only code reaches it.
  node('scripts/build-browser.mjs', stage);
  // The device bundles (CommonJS and ESM, ES2018); they fail if Node-only code reaches them.
  node('scripts/build-miniprogram.mjs', stage);
  const old = `dist.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync('dist', old);
  } catch {
    // no dist yet
  }
  renameSync(stage, 'dist');
  rmSync(old, { recursive: true, force: true });
} catch (error) {
  rmSync(stage, { recursive: true, force: true });
  throw error;
}
