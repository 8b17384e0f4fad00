// The benchmark cases. Each `run` measures one sample through one contender's API and
// returns a number in the case's unit (or { value, cpu }); message cases reuse one
// connection per contender for the whole case, the others open their own and clean up.
import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const TEXT_32 = 'minisocket-bench-0123456789abcde'; // 32 bytes of ASCII

/** Resolves with `work`'s result, or rejects after `ms`: no case can hang the run. */
function bounded(ms, what, work) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Wall time and this process's CPU time (user + system) since the call. The server is
 * another process, so the CPU time is the client's own cost: unlike wall time, it
 * barely moves when other work shares the machine.
 */
function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpu: used.user + used.system };
  };
}

/**
 * The contender's connection for the current case: opened on first use, kept for all
 * rounds (a fresh connection per sample measured its setup noise more than the
 * messages), closed by the runner when the case ends. `handler` is what the one
 * registered message listener calls.
 */
export async function connection(contender, ctx) {
  let entry = ctx.connections.get(contender.name);
  if (entry === undefined) {
    const client = await bounded(10_000, 'open', contender.open(ctx.url));
    entry = { client, handler: () => {} };
    const current = entry;
    client.onMessage(() => current.handler());
    ctx.connections.set(contender.name, entry);
  }
  return entry;
}

/** Sequential 32-byte text round trips: send, wait for the echo, send the next. */
async function echo(contender, ctx) {
  const { size } = ctx;
  const link = await connection(contender, ctx);
  const { client } = link;
  const { seconds, cpu } = await bounded(
    60_000,
    'echo',
    new Promise((resolve) => {
      let left = size.echo;
      const stop = clock();
      link.handler = () => {
        if (--left === 0) resolve(stop());
        else client.send(TEXT_32);
      };
      client.send(TEXT_32);
    })
  );
  return { value: size.echo / seconds, cpu: cpu / size.echo };
}

/** 32-byte text messages sent back to back without waiting; done when every echo is in. */
async function pipelined(contender, ctx) {
  const { size } = ctx;
  const link = await connection(contender, ctx);
  const { client } = link;
  const { seconds, cpu } = await bounded(
    60_000,
    'pipelined',
    new Promise((resolve) => {
      const count = size.pipelined;
      let left = count;
      const stop = clock();
      link.handler = () => {
        if (--left === 0) resolve(stop());
      };
      for (let i = 0; i < count; i++) client.send(TEXT_32);
    })
  );
  return { value: size.pipelined / seconds, cpu: cpu / size.pipelined };
}

/** Binary messages of `bytes` echoed with `window` in flight; MiB/s of payload sent and echoed back. */
function throughput(bytes, window, countKey) {
  return async (contender, ctx) => {
    const count = ctx.size[countKey];
    const payload = contender.binary(Buffer.alloc(bytes, 0x5a));
    const link = await connection(contender, ctx);
    const { client } = link;
    const { seconds, cpu } = await bounded(
      120_000,
      `throughput ${bytes}`,
      new Promise((resolve) => {
        let sent = 0;
        let received = 0;
        const stop = clock();
        link.handler = () => {
          if (++received === count) return resolve(stop());
          if (sent < count) sent++, client.send(payload);
        };
        for (; sent < Math.min(window, count); sent++) client.send(payload);
      })
    );
    const mib = (count * bytes) / (1024 * 1024);
    return { value: mib / seconds, cpu: cpu / mib };
  };
}

/** mulberry32: a small seeded generator, so the orders are the same from run to run. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher-Yates shuffle of a copy. */
export function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * Milliseconds from the connect call to the open event. Interleaved per connection (one
 * connection of each contender in turn, then close), so machine noise hits all alike;
 * each connection is one sample. `size.connectWarmup` rounds come first, uncounted: V8
 * runs a function unoptimized until it has run a while, then optimizes it on background
 * threads whose CPU time is this process's, and the code a connect runs needs some 2,000
 * runs before that is over (bench/warmup.mjs). ws's code runs in four contenders per turn,
 * minisocket's in two, so with a short warm-up minisocket's samples measured its warm-up.
 * What a fresh process pays is the `connectCold` case.
 */
async function connectAll(contenders, { url, size }) {
  const samples = new Map(contenders.map((c) => [c.name, []]));
  const cpuSamples = new Map(contenders.map((c) => [c.name, []]));
  const failed = new Map();
  // A fresh order each round: in a fixed cycle each contender always follows the same one,
  // and the tail of that one's close (its socket teardown, the server's) lands in the next
  // one's handshake. Seeded, so two runs use the same orders.
  const random = seeded(20261129);
  for (let i = -size.connectWarmup; i < size.connect; i++) {
    for (const contender of shuffled(contenders, random)) {
      if (failed.has(contender.name)) continue;
      try {
        const stop = clock();
        const client = await bounded(10_000, 'connect', contender.open(url));
        const { seconds, cpu } = stop();
        await bounded(10_000, 'close', client.close());
        if (i >= 0) {
          samples.get(contender.name).push(seconds * 1000);
          cpuSamples.get(contender.name).push(cpu);
        }
      } catch (error) {
        failed.set(contender.name, error.message);
      }
    }
  }
  return { samples, cpuSamples, failed };
}

/**
 * The first `size.coldConnects` connects of a fresh process, per contender: one sample per
 * process (bench/cold.mjs), `size.connectCold` processes each, those of all contenders
 * interleaved in a rotating order (the server warms up as it goes). The connect case
 * above warms every contender up first; this one is what a process that connects only a
 * few times pays, JIT compilation included.
 */
async function connectCold(contenders, { url, size }) {
  const samples = new Map(contenders.map((c) => [c.name, []]));
  const cpuSamples = new Map(contenders.map((c) => [c.name, []]));
  const failed = new Map();
  const script = fileURLToPath(new URL('./cold.mjs', import.meta.url));
  for (let i = 0; i < size.connectCold; i++) {
    for (const contender of contenders.map((_, k) => contenders[(k + i) % contenders.length])) {
      if (failed.has(contender.name)) continue;
      try {
        const { stdout } = await run(process.execPath, [script, contender.name, url, String(size.coldConnects)], { timeout: 60_000 });
        const { wall, cpu } = JSON.parse(stdout);
        samples.get(contender.name).push(wall);
        cpuSamples.get(contender.name).push(cpu);
      } catch (error) {
        failed.set(contender.name, error.message);
      }
    }
  }
  return { samples, cpuSamples, failed };
}

/** Opens `count` connections, at most `parallel` handshakes at a time; stops at the first failure. */
async function openMany(contender, url, count, parallel, deadline) {
  const clients = [];
  let failure;
  let next = 0;
  const noop = () => {};
  async function worker() {
    while (next < count && failure === undefined && performance.now() < deadline) {
      next++;
      try {
        const client = await bounded(15_000, 'open', contender.open(url));
        client.onMessage(noop);
        clients.push(client);
      } catch (error) {
        failure ??= error;
      }
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker));
  return { clients, failure };
}

async function closeAll(clients) {
  await bounded(60_000, 'closing', Promise.allSettled(clients.map((client) => client.close()))).catch(() => {});
}

async function heapNow(gc) {
  // Let handshake leftovers (timers, sockets' first reads) finish before measuring.
  await delay(50);
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** JS heap bytes per idle open connection (each with open, message, error and close listeners). */
async function heap(contender, { url, size, gc }) {
  const before = await heapNow(gc);
  const { clients, failure } = await openMany(contender, url, size.heap, 20, performance.now() + 60_000);
  if (failure) throw failure;
  const after = await heapNow(gc);
  await closeAll(clients);
  return (after - before) / clients.length;
}

/** How many idle connections this process holds (up to size.idle) against the server process. */
async function idle(contender, { url, size, serverCount, log }) {
  const { clients, failure } = await openMany(contender, url, size.idle, 100, performance.now() + 120_000);
  const held = clients.length;
  const server = await serverCount();
  if (failure) log(`  ${contender.name}: stopped at ${held}: ${failure.message}`);
  if (server < held) log(`  ${contender.name}: the server sees only ${server} of ${held}`);
  await closeAll(clients);
  return Math.min(held, server);
}

export const cases = [
  {
    name: 'echo round trips (32 B text)',
    key: 'echo',
    unit: 'round trips/s',
    cpuUnit: 'CPU us per round trip',
    better: 'higher',
    run: echo,
    target: { ratio: 0.95 }
  },
  {
    name: 'pipelined messages (32 B text)',
    key: 'pipelined',
    unit: 'messages/s',
    cpuUnit: 'CPU us per message',
    better: 'higher',
    run: pipelined,
    target: { ratio: 0.95 }
  },
  {
    name: 'throughput 64 KiB binary',
    key: 'throughput64k',
    unit: 'MiB/s',
    cpuUnit: 'CPU us per MiB',
    better: 'higher',
    run: throughput(64 * 1024, 64, 'throughput64k')
  },
  {
    name: 'throughput 1 MiB binary',
    key: 'throughput1m',
    unit: 'MiB/s',
    cpuUnit: 'CPU us per MiB',
    better: 'higher',
    run: throughput(1024 * 1024, 4, 'throughput1m'),
    target: { ratio: 0.98 }
  },
  {
    name: 'connect to open',
    key: 'connect',
    unit: 'ms',
    cpuUnit: 'CPU us per connect',
    better: 'lower',
    runAll: connectAll,
    target: { ratio: 1.05 }
  },
  {
    name: 'first connects of a fresh process',
    key: 'connectCold',
    unit: 'ms',
    cpuUnit: 'CPU us per connect',
    better: 'lower',
    runAll: connectCold
  },
  { name: 'heap per idle connection', key: 'heap', unit: 'bytes', better: 'lower', run: heap, needsGc: true, target: { plus: 1024 } },
  { name: 'idle connections held', key: 'idle', unit: 'connections', better: 'higher', run: idle, once: true, target: { atLeast: 10_000 } }
];
