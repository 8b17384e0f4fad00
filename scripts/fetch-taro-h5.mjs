// Fetches Taro's H5 runtime for test/browser/taro-h5.test.ts: only the two tarballs it
// needs (@tarojs/taro-h5 and @tarojs/shared, 0.5 MB), pinned and checked by integrity,
// with `npm pack` (the registry, through npm's own client), unpacked into .tmp/. A full
// `npm install @tarojs/taro-h5` pulls 111 packages and 170 MB (Stencil components, hls.js,
// swc): too much for a devDependency that one test uses. The page bundle stubs the two
// Taro modules that the websocket code's helper module imports but never calls
// (@tarojs/api, @tarojs/runtime); Taro's websocket code itself runs unmodified.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TARO_VERSION = '4.2.1';
const PACKAGES = {
  'taro-h5': 'sha512-060HBoepXgLoGNExX17QSkCvNnc29nM0zurUGtLvyskLZO1ymWptOKL61frEKFaHkvvq+c7tEqSJz5zRf5RVCw==',
  shared: 'sha512-rAQxBt490zjU9T7qGVmHivfVH1O02oQX7ZtaxVEEguwxVBqo4kr8hNs9v3OyPP4LiyROrwszT70cDkuynHpLUA=='
};

/** The folder holding taro-h5/ and shared/ (each a package root); fetched on first use. */
export function ensureTaroH5() {
  const dir = join(root, '.tmp', `taro-h5-${TARO_VERSION}`);
  if (Object.keys(PACKAGES).every((name) => existsSync(join(dir, name, 'package.json')))) return dir;
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const [name, integrity] of Object.entries(PACKAGES)) {
      const spec = `@tarojs/${name}@${TARO_VERSION}`;
      const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', staging], {
        cwd: staging,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      });
      const [packed] = JSON.parse(out);
      if (packed.integrity !== integrity) throw new Error(`${spec}: integrity ${packed.integrity}, expected ${integrity}`);
      mkdirSync(join(staging, name));
      execFileSync('tar', ['-xzf', join(staging, packed.filename), '-C', join(staging, name), '--strip-components=1']);
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(ensureTaroH5());
