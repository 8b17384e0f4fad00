// `npm run bench [-- --quick] [-- --case=echo,heap]`: starts bench/main.mjs with --expose-gc
// and, where the hard limit allows, a file-descriptor limit high enough for 10,000 idle
// connections (the server child inherits it).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Colleagues rebuild dist/ while a run is going: measure a private copy of the build
// (.tmp/ is ignored by git; `ws` still resolves from the project's node_modules).
const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/esm`;
const copy = `${root}.tmp/bench-dist/esm`;
for (let attempt = 0; ; attempt++) {
  try {
    rmSync(copy, { recursive: true, force: true });
    if (!existsSync(`${built}/index.js`)) throw new Error('dist/esm is missing');
    cpSync(built, copy, { recursive: true });
    if (!existsSync(`${copy}/index.js`)) throw new Error('dist/esm changed while copying');
    break;
  } catch (error) {
    if (attempt === 2) throw error;
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
process.env.MINISOCKET_DIST = `${copy}/index.js`;

const WANT = 24_000; // 10,000 client sockets + the server's 10,000 + slack
const main = fileURLToPath(new URL('./main.mjs', import.meta.url));
const script = `ulimit -n ${WANT} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; echo "fd limit: $(ulimit -n)" >&2; exec "$0" "$@"`;
const child = spawn('sh', ['-c', script, process.execPath, '--expose-gc', main, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
