// Builds dist/esm (ESM + .d.ts) and dist/cjs (CommonJS + .d.ts) from src/ with the TypeScript compiler.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const tsc = (...args) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', ...args], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
tsc('-p', 'tsconfig.json');
tsc('-p', 'tsconfig.json', '--module', 'commonjs', '--moduleResolution', 'node10', '--outDir', 'dist/cjs', '--sourceMap', 'false');
mkdirSync('dist/cjs', { recursive: true });
// The package is "type": "module"; this marks the CommonJS tree as such for Node's loader.
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
// The browser bundle (dist/browser/minisocket.js); it fails if Node-only code reaches it.
execFileSync(process.execPath, ['scripts/build-browser.mjs'], { stdio: 'inherit' });
