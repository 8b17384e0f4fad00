// `npm run bench:artillery [-- --duration=60 --rate=20 --hold=20]`: the engine's load test.
// Starts `minisocket serve` and `artillery run` (artillery-engine-minisocket, one local worker)
// for --duration seconds at --rate new virtual users per second. Each user connects, does 5
// JSON round trips a second apart, holds the connection --hold seconds more, and closes.
// Checks that every user is accounted for (completed, or failed with a counted reason) and
// prints the figures docs/load-testing.md quotes: users per second, peak open connections,
// and the CPU the Artillery process spent, per core.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const duration = option('duration', 60);
const rate = option('rate', 20);
const hold = option('hold', 20);
const artilleryBin = join(dirname(createRequire(import.meta.url).resolve('artillery/package.json')), 'bin', 'run');
const TICKS = 100; // clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux)

/** utime + stime of a process, in seconds (worker threads included: they are threads of it). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), 'minisocket-bench-artillery-'));
const serve = spawn(process.execPath, [join(root, 'dist/esm/cli/main.js'), 'serve', '--port', '0', '--json'], {
  stdio: ['ignore', 'pipe', 'inherit']
});
let serveCpu = 0;
const url = await new Promise((resolve, reject) => {
  let text = '';
  serve.stdout.on('data', (chunk) => {
    text += chunk;
    const line = text.split('\n').find((l) => l.includes('"listening"'));
    if (line) resolve(JSON.parse(line).url);
  });
  serve.on('exit', () => reject(new Error('minisocket serve exited')));
});
// serve prints every event; drain it without keeping it.
serve.stdout.resume();
let openNow = 0;
let openPeak = 0;
serve.stdout.on('data', (chunk) => {
  for (const line of String(chunk).split('\n')) {
    if (line.startsWith('{"event":"connection"')) openPeak = Math.max(openPeak, ++openNow);
    else if (line.startsWith('{"event":"close"')) openNow--;
  }
});

const scenario = `
config:
  target: ${url}
  phases:
    - duration: ${duration}
      arrivalRate: ${rate}
  engines:
    minisocket: {}
  minisocket:
    profile: wx
scenarios:
  - name: chat
    engine: minisocket
    flow:
      - connect: { url: "{{ target }}/echo" }
      - loop:
          - send: { json: { type: chat, n: "{{ $loopCount }}", text: hello } }
          - expect: { json: { type: chat, text: hello } }
          - think: 1
        count: 5
      - think: ${hold}
      - close: { code: 1000 }
`;
writeFileSync(join(work, 'scenario.yml'), scenario);
const reportPath = join(work, 'report.json');
const started = Date.now();
const artillery = spawn(process.execPath, [artilleryBin, 'run', '--output', reportPath, join(work, 'scenario.yml')], {
  cwd: work,
  env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' },
  stdio: ['ignore', 'pipe', 'inherit']
});
let artilleryCpu = 0;
const sampler = setInterval(() => {
  artilleryCpu = cpuSeconds(artillery.pid) ?? artilleryCpu;
  serveCpu = cpuSeconds(serve.pid) ?? serveCpu;
}, 500);
// The CPU spent before the first phase is Artillery loading itself: not the users' cost.
let startupCpu;
artillery.stdout.on('data', (chunk) => {
  if (startupCpu === undefined && String(chunk).includes('Phase started')) startupCpu = cpuSeconds(artillery.pid);
});
const limit = setTimeout(() => artillery.kill('SIGKILL'), (duration + hold + 180) * 1000);
const status = await new Promise((resolve) => artillery.on('close', resolve));
clearTimeout(limit);
clearInterval(sampler);
const wall = (Date.now() - started) / 1000;
serve.kill('SIGTERM');

let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const counters = report.aggregate.counters;
const summaries = report.aggregate.summaries;
const created = counters['vusers.created'] ?? 0;
const completed = counters['vusers.completed'] ?? 0;
const failed = counters['vusers.failed'] ?? 0;
const reasons = Object.entries(counters).filter(([name]) => name.startsWith('errors.'));
const reasonCount = reasons.reduce((sum, [, count]) => sum + count, 0);
const expected = duration * rate;
const accounted = created === expected && completed + failed === created && reasonCount === failed;

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
console.log(
  JSON.stringify(
    {
      command: `node bench/artillery.mjs --duration=${duration} --rate=${rate} --hold=${hold}`,
      artilleryExit: status,
      wallSeconds: round(wall),
      users: { expected, created, completed, failed, reasons: Object.fromEntries(reasons) },
      everyUserAccountedFor: accounted,
      usersPerSecond: round(created / duration),
      openConnectionsPeak: openPeak,
      messages: { sent: counters['minisocket.messages_sent'], received: counters['minisocket.messages_received'] },
      connectTimeMs: summaries['minisocket.connect_time'],
      roundTripMs: summaries['minisocket.round_trip'],
      cpuSeconds: {
        artilleryStartup: round(startupCpu ?? 0),
        artilleryRun: round(artilleryCpu - (startupCpu ?? 0)),
        serve: round(serveCpu)
      },
      // Per user: the run's CPU after start-up, divided by the users; one core's worth of that is the sustainable rate.
      artilleryCpuPerUserMs: round(((artilleryCpu - (startupCpu ?? 0)) * 1000) / Math.max(1, created), 2),
      usersPerSecondOneCoreSustains: Math.floor(created / Math.max(0.001, artilleryCpu - (startupCpu ?? 0)))
    },
    null,
    2
  )
);
process.exitCode = accounted && status === 0 ? 0 : 1;
