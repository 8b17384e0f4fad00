// `npm run bench [-- --quick] [-- --case=echo,heap]`: starts bench/main.mjs with --expose-gc
// and, where the hard limit allows, a file-descriptor limit high enough for 10,000 idle
// connections (the server child inherits it).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WANT = 24_000; // 10,000 client sockets + the server's 10,000 + slack
const main = fileURLToPath(new URL('./main.mjs', import.meta.url));
const script = `ulimit -n ${WANT} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; echo "fd limit: $(ulimit -n)" >&2; exec "$0" "$@"`;
const child = spawn('sh', ['-c', script, process.execPath, '--expose-gc', main, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
