// `npm run bench` (after the main table), or `node bench/native.mjs [--quick]` after a build:
// the native engine's overhead. Two contenders in one process, interleaved, against the
// same echo server in a child process (bench/server.mjs): the native stand-in of
// minisocket/testing called directly (`wx.connectSocket(...)`, `task.send({ data })`, its own
// onMessage), and minisocket's wx profile over that same stand-in
// (`createSocketApi({ profile: 'wx', native })`). The ratio is minisocket / direct in
// messages per second, the median of the per-round ratios (a round's two samples share the
// machine's state, as in bench/main.mjs); the target is >= 0.95 for echo and pipelined. The
// client CPU per message is compared the same way.
import { fork } from 'node:child_process';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 8 : 30;
const SIZE = { echo: 1_000, pipelined: 5_000 };
const dist = new URL('../dist/esm/', import.meta.url);
const { createSocketApi } = await import(new URL('index.js', dist));
const { createNativeStandIn } = await import(new URL('testing/index.js', dist));
const TEXT_32 = 'minisocket-bench-0123456789abcde';

const server = fork(new URL('./server.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise((resolve) => server.once('message', (message) => resolve(message.port)));
const url = `ws://127.0.0.1:${port}/`;

/** Opens a task and resolves with { send, handle(fn), close }. */
function opened(task) {
  return new Promise((resolve, reject) => {
    let handler = () => {};
    task.onMessage(() => handler());
    task.onError((error) => reject(new Error(error.errMsg ?? 'error')));
    task.onOpen(() =>
      resolve({
        send: (data) => task.send({ data }),
        handle: (fn) => void (handler = fn),
        close: () => new Promise((done) => (task.onClose(() => done()), task.close({ code: 1000 })))
      })
    );
  });
}

const contenders = [
  { name: 'stand-in direct', open: () => opened(createNativeStandIn({ profile: 'wx' }).connectSocket({ url })) },
  {
    name: 'minisocket over it',
    open: () =>
      opened(
        createSocketApi({ profile: 'wx', native: createNativeStandIn({ profile: 'wx' }), warn: () => undefined }).connectSocket({ url })
      )
  }
];

/** Runs `count` messages through `drive` and resolves with messages/s and client CPU us per message. */
function measure(link, count, drive) {
  return new Promise((resolve) => {
    let left = count;
    const start = performance.now();
    const cpu = process.cpuUsage();
    link.handle(() => {
      if (--left > 0) return drive.next?.();
      const used = process.cpuUsage(cpu);
      resolve({ rate: count / ((performance.now() - start) / 1000), cpu: (used.user + used.system) / count });
    });
    drive.start();
  });
}

const cases = {
  echo: (link) => measure(link, SIZE.echo, { start: () => link.send(TEXT_32), next: () => link.send(TEXT_32) }),
  pipelined: (link) =>
    measure(link, SIZE.pipelined, {
      start: () => {
        for (let i = 0; i < SIZE.pipelined; i++) link.send(TEXT_32);
      }
    })
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const links = [];
for (const contender of contenders) links.push(await contender.open());
const rows = [];
for (const [name, run] of Object.entries(cases)) {
  const samples = contenders.map(() => []);
  // Round 0 warms up and is not counted; the order alternates so that noise hits both alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      const value = await run(links[i]);
      if (round > 0) samples[i].push(value);
    }
  }
  const [direct, mine] = samples;
  const paired = (key) => median(direct.map((d, r) => mine[r][key] / d[key]));
  rows.push({
    case: name,
    direct: Math.round(median(direct.map((d) => d.rate))),
    minisocket: Math.round(median(mine.map((m) => m.rate))),
    ratio: Number(paired('rate').toFixed(3)),
    cpuRatio: Number(paired('cpu').toFixed(3))
  });
}
for (const link of links) await link.close();
server.send('exit');

console.log(
  '\nnative engine overhead: minisocket (wx profile) over the native stand-in vs the stand-in called directly: messages/s (medians) and the median of the per-round ratios'
);
console.log('| case | stand-in direct | minisocket over it | ratio (target >= 0.95) | CPU per message ratio |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.case} | ${row.direct} | ${row.minisocket} | ${row.ratio} | ${row.cpuRatio} |`);
