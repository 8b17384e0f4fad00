// The benchmark runner (started by run.mjs, which sets the fd limit and --expose-gc).
// Every case runs every contender in this one process, interleaved, for several rounds,
// after one warm-up round; the server runs in a child process.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { cases, seeded, shuffled } from './cases.mjs';
import * as ws from './contenders/ws.mjs';
import * as h5 from './contenders/h5-wrapper.mjs';
import { minisocket, minisocketNagle } from './contenders/minisocket.mjs';
import * as facade from './contenders/facade.mjs';
import * as wsWhatwg from './contenders/ws-whatwg.mjs';
import { facadeRows, median, printFacade, printTable, ratioRows } from './report.mjs';
import { printCosts, runCosts } from './costs.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--case='))
  ?.slice(7)
  .split(',');

// Many short samples rather than a few long ones: on a shared machine, noise comes in
// bursts, and interleaved short samples spread it over every contender alike.
const SIZES = quick
  ? {
      echo: 1_000,
      pipelined: 5_000,
      throughput64k: 64,
      throughput1m: 8,
      connect: 100,
      connectWarmup: 2_000,
      connectCold: 3,
      coldConnects: 100,
      heap: 300,
      idle: 2_000
    }
  : {
      echo: 1_000,
      pipelined: 5_000,
      throughput64k: 128,
      throughput1m: 16,
      connect: 400,
      connectWarmup: 3_000,
      connectCold: 9,
      coldConnects: 100,
      heap: 1_000,
      idle: 10_000
    };
const ROUNDS = quick ? 10 : 40;
const ROUNDS_SLOW = quick ? 2 : 5; // heap: each round opens and closes `heap` connections
// undici's WebSocket needs a recent Node (undici 7: Node 20.18+); where it cannot load, the run goes on without it.
const undici = await import('./contenders/undici.mjs').catch((error) => {
  process.stderr.write(`undici: not benchmarked on this Node (${error.message})\n`);
  return undefined;
});
const CONTENDERS = [ws, minisocket, minisocketNagle, h5, ...(undici ? [undici] : []), facade, wsWhatwg];
/** The contenders that run a case: some (the WHATWG facade and its peer) run only the cases they list. */
const runsCase = (contender, test) => !contender.cases || contender.cases.includes(test.key);

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

async function main() {
  const { child, port } = await startServer();
  const url = `ws://127.0.0.1:${port}/`;
  const gc = globalThis.gc;
  const ctx = { url, size: SIZES, gc, log, serverCount: () => askCount(child), connections: new Map() };
  const results = [];
  const started = Date.now();

  for (const test of cases) {
    if (only && !only.includes(test.key)) continue;
    if (test.needsGc && typeof gc !== 'function') {
      log(`${test.name}: skipped (run with --expose-gc; bench/run.mjs does)`);
      continue;
    }
    const rounds = test.once ? 1 : test.needsGc ? ROUNDS_SLOW : ROUNDS;
    const running = CONTENDERS.filter((contender) => runsCase(contender, test));
    let samples = new Map(running.map((c) => [c.name, []]));
    let cpuSamples = new Map(running.map((c) => [c.name, []]));
    let failed = new Map();
    const caseStart = Date.now();
    if (test.runAll) {
      log(`${test.name}: ${SIZES[test.key]} samples x ${running.length} contenders, interleaved`);
      ({ samples, cpuSamples, failed } = await test.runAll(running, ctx));
      for (const [name, message] of failed) log(`  ${name}: failed: ${message}`);
    } else {
      log(`${test.name}: ${rounds} round(s) x ${running.length} contenders`);
    }
    // Round 0 warms every contender up (JIT, connection pools) and is not counted. A fresh
    // (seeded) order each round: a rotation changes who goes first but never who follows
    // whom, so one contender always paid for the same predecessor's leftovers (issue 13:
    // the facade always followed undici and measured 0.87 to 0.92 there, 1.06 to 1.15 swapped).
    const random = seeded(20261130);
    for (let round = test.once ? 1 : 0; !test.runAll && round <= rounds; round++) {
      for (const contender of shuffled(running, random)) {
        if (failed.has(contender.name)) continue;
        // Collect the previous contender's garbage now, not during this one's sample. Twice,
        // 50 ms apart: a client lets go of some of its memory only after its sample ends, and
        // the next sample paid for collecting it (after 5,000 undici messages, about 20 % more
        // client CPU per message in the next sample; one collection, or a pause alone, left most of it).
        if (gc) {
          gc();
          await delay(50);
          gc();
        }
        try {
          const result = await test.run(contender, ctx);
          if (round > 0) {
            samples.get(contender.name).push(typeof result === 'number' ? result : result.value);
            if (typeof result === 'object') cpuSamples.get(contender.name).push(result.cpu);
          }
        } catch (error) {
          failed.set(contender.name, error.message);
          log(`  ${contender.name}: failed: ${error.message}`);
        }
      }
    }
    await Promise.allSettled([...ctx.connections.values()].map(({ client }) => client.close()));
    ctx.connections.clear();
    log(`  (${Math.round((Date.now() - caseStart) / 1000)} s)`);
    for (const contender of running) {
      const values = samples.get(contender.name);
      results.push({
        case: test.name,
        key: test.key,
        contender: contender.name,
        median: values.length ? Number(median(values).toPrecision(5)) : null,
        unit: test.unit,
        better: test.better,
        samples: values.map((v) => Number(v.toPrecision(5))),
        ...(test.cpuUnit && cpuSamples.get(contender.name).length
          ? {
              cpu: Number(median(cpuSamples.get(contender.name)).toPrecision(4)),
              cpuUnit: test.cpuUnit,
              cpuSamples: cpuSamples.get(contender.name).map((v) => Number(v.toPrecision(4)))
            }
          : {}),
        ...(failed.has(contender.name) ? { error: failed.get(contender.name) } : {})
      });
    }
  }

  // The layer-by-layer breakdown: always in a full run, on request (--costs) otherwise.
  const wantCosts = only ? only.includes('costs') : !quick || process.argv.includes('--costs');
  const costs = wantCosts ? await runCosts({ url, quick, log }) : undefined;

  child.send('exit');
  const ratios = ratioRows(results, cases, quick);
  const facadeRatios = facadeRows(results);
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
    ratios,
    facade: facadeRatios,
    ...(costs ? { costs } : {})
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  if (quick) process.stdout.write('Quick run: few samples, indicative only; judge the targets on a full run (npm run bench).\n\n');
  process.stdout.write(
    printTable(
      results,
      ratios,
      CONTENDERS.filter((c) => !c.cases).map((c) => c.name)
    )
  );
  process.stdout.write(printFacade(facadeRatios));
  if (costs) process.stdout.write(`\nWhat each layer costs (paired medians against raw ws):\n\n${printCosts(costs)}`);
  log(`wrote bench/results.json (${report.seconds} s)`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  }
);
