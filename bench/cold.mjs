// One contender's first connects in a fresh process: `node bench/cold.mjs <contender> <url> <count>`
// opens and closes `count` connections one after another, with no warm-up, and prints the
// mean wall milliseconds and client CPU microseconds per connect (to open) as JSON. The
// mean, not the median: what a fresh process pays once (the JIT compiling the code a
// connect runs, on background threads this process's CPU time includes) lands in a few
// connects, which a median would hide. bench/cases.mjs (`connectCold`) runs it.
const CONTENDERS = {
  ws: () => import('./contenders/ws.mjs'),
  minisocket: async () => (await import('./contenders/minisocket.mjs')).minisocket,
  'minisocket-nagle': async () => (await import('./contenders/minisocket.mjs')).minisocketNagle,
  'h5-wrapper': () => import('./contenders/h5-wrapper.mjs'),
  undici: () => import('./contenders/undici.mjs')
};

const [name, url, count] = process.argv.slice(2);
const contender = await CONTENDERS[name]();
let wall = 0;
let cpu = 0;
for (let i = 0; i < Number(count); i++) {
  const start = performance.now();
  const used = process.cpuUsage();
  const client = await contender.open(url);
  const spent = process.cpuUsage(used);
  wall += performance.now() - start;
  cpu += spent.user + spent.system;
  await client.close();
}
process.stdout.write(JSON.stringify({ wall: wall / count, cpu: cpu / count }));
