// The benchmark runner (started by run.mjs, which sets the fd limit and --expose-gc).
// Every case runs every contender in this one process, interleaved, for several rounds,
// after one warm-up round; the server runs in a child process.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { cases } from './cases.mjs';
import * as ws from './contenders/ws.mjs';
import * as undici from './contenders/undici.mjs';
import * as h5 from './contenders/h5-wrapper.mjs';
import { minisocket, minisocketNagle } from './contenders/minisocket.mjs';
import { printTable, ratioRows } from './report.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--case='))?.slice(7).split(',');

const SIZES = quick
  ? { echo: 2_000, pipelined: 10_000, throughput64k: 128, throughput1m: 16, connect: 60, heap: 300, idle: 2_000 }
  : { echo: 10_000, pipelined: 50_000, throughput64k: 1_024, throughput1m: 96, connect: 300, heap: 1_000, idle: 10_000 };
const ROUNDS = quick ? 3 : 7;
const ROUNDS_SLOW = quick ? 2 : 4; // heap: each round opens and closes `heap` connections
const CONTENDERS = [ws, minisocket, minisocketNagle, h5, undici];

const log = (line) => process.stderr.write(`${line}\n`);

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./server.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', ({ port }) => resolve({ child, port }));
  });
}

function askCount(child) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(0), 5_000);
    child.once('message', (message) => (clearTimeout(timer), resolve(message.count)));
    child.send('count');
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const { child, port } = await startServer();
  const url = `ws://127.0.0.1:${port}/`;
  const gc = globalThis.gc;
  const ctx = { url, size: SIZES, gc, log, serverCount: () => askCount(child) };
  const results = [];
  const started = Date.now();

  for (const test of cases) {
    if (only && !only.includes(test.key)) continue;
    if (test.needsGc && typeof gc !== 'function') {
      log(`${test.name}: skipped (run with --expose-gc; bench/run.mjs does)`);
      continue;
    }
    const rounds = test.once ? 1 : test.needsGc ? ROUNDS_SLOW : ROUNDS;
    const samples = new Map(CONTENDERS.map((c) => [c.name, []]));
    const failed = new Map();
    log(`${test.name}: ${rounds} round(s) x ${CONTENDERS.length} contenders`);
    // Round 0 warms every contender up (JIT, connection pools) and is not counted.
    for (let round = test.once ? 1 : 0; round <= rounds; round++) {
      // Rotate the order each round so no contender always runs first or last.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]);
      for (const contender of order) {
        if (failed.has(contender.name)) continue;
        try {
          const value = await test.run(contender, ctx);
          if (round > 0) samples.get(contender.name).push(value);
        } catch (error) {
          failed.set(contender.name, error.message);
          log(`  ${contender.name}: failed: ${error.message}`);
        }
      }
    }
    for (const contender of CONTENDERS) {
      const values = samples.get(contender.name);
      results.push({
        case: test.name,
        key: test.key,
        contender: contender.name,
        median: values.length ? Number(median(values).toPrecision(5)) : null,
        unit: test.unit,
        better: test.better,
        samples: values.map((v) => Number(v.toPrecision(5))),
        ...(failed.has(contender.name) ? { error: failed.get(contender.name) } : {})
      });
    }
  }

  child.send('exit');
  const ratios = ratioRows(results, cases, quick);
  const report = {
    generated: new Date().toISOString(),
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    seconds: Math.round((Date.now() - started) / 1000),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
    settings: {
      quick,
      rounds: ROUNDS,
      sizes: SIZES,
      server: 'raw ws WebSocketServer in a child process on 127.0.0.1, perMessageDeflate off',
      perMessageDeflate: 'off for every contender (server declines it; ws-based clients do not offer it)',
      tcpNoDelay: "minisocket: true; minisocket-nagle: false (the platforms' default); ws and undici always disable Nagle"
    },
    results,
    ratios
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(printTable(results, ratios, CONTENDERS.map((c) => c.name)));
  log(`wrote bench/results.json (${report.seconds} s)`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  }
);
