// What each layer of minisocket costs, measured by peeling it back one layer at a time
// against raw ws on the same server, interleaved. It reaches into the built package's
// internal modules (engines/ws.js, task/link.js, task/socket-task.js): for measuring, not an API.
//
//   ws          raw ws, compression off (the floor)
//   ws+hook     raw ws with a createConnection hook like the engine's (ws's own connect)
//   engine      the ws engine: timing hooks, response headers, profile, shared listeners
//   +timer      the engine plus the handshake timeout timer the task arms
//   task        SocketTask (shell and Link) over the engine: state machine, listeners, payload objects
//   api         connectSocket: option reading and validation (URL, header, protocols,
//               timeout), the task list, the globals' observer, callbacks
import net from 'node:net';
import WebSocket from 'ws';
import { median } from './report.mjs';

const dist = (process.env.MINISOCKET_DIST ?? new URL('../dist/esm/index.js', import.meta.url).href).replace(/index\.js$/, '');
const TEXT_32 = 'minisocket-bench-0123456789abcde';

export async function runCosts({ url, quick, log }) {
  const { createSocketApi } = await import(`${dist}index.js`);
  const { wsEngine } = await import(`${dist}engines/ws.js`);
  const { Link } = await import(`${dist}task/link.js`);
  const { TaskShell } = await import(`${dist}task/socket-task.js`);
  const { formatError } = await import(`${dist}errors.js`);
  const api = createSocketApi({ warn: () => {} });
  const host = {
    acceptViews: true,
    warn: () => {},
    warnThrow: () => {},
    error: (f) => formatError(f),
    ended: () => {},
    observer: undefined
  };
  const request = {
    url,
    headers: {},
    protocols: [],
    tcpNoDelay: true,
    perMessageDeflate: false,
    maxPayload: 16 * 1024 * 1024,
    tls: { rejectUnauthorized: true }
  };

  // Each opener resolves, once open, with { send, handle(fn), close }.
  const viaWs = (options) => () =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [], { perMessageDeflate: false, ...options });
      let handler = () => {};
      ws.on('error', reject);
      ws.on('message', () => handler());
      ws.once('open', () =>
        resolve({
          send: (d) => ws.send(d),
          handle: (fn) => (handler = fn),
          close: () => new Promise((d) => (ws.once('close', d), ws.close(1000)))
        })
      );
    });
  const viaEngine = (withTimer) => () =>
    new Promise((resolve, reject) => {
      let handler = () => {};
      let closed;
      const done = new Promise((d) => (closed = d));
      const timer = withTimer ? setTimeout(() => {}, 60_000) : undefined;
      const socket = wsEngine.connect(request, {
        open: () => {
          clearTimeout(timer);
          resolve({ send: (d) => socket.send(d), handle: (fn) => (handler = fn), close: () => (socket.close(1000, ''), done) });
        },
        message: () => handler(),
        error: (failure) => reject(new Error(failure.detail ?? String(failure.code))),
        close: () => closed()
      });
    });
  const viaTask = (makeTask) => () =>
    new Promise((resolve, reject) => {
      const task = makeTask();
      let handler = () => {};
      let closed;
      const done = new Promise((d) => (closed = d));
      task.onError((error) => reject(new Error(error.errMsg)));
      task.onClose(() => closed());
      task.onMessage(() => handler());
      task.onOpen(() =>
        resolve({ send: (data) => task.send({ data }), handle: (fn) => (handler = fn), close: () => (task.close({ code: 1000 }), done) })
      );
    });
  const layers = [
    ['ws', viaWs({})],
    ['ws+hook', viaWs({ createConnection: (o) => ((o.path = undefined), net.connect(o)) })],
    ['engine', viaEngine(false)],
    ['+timer', viaEngine(true)],
    [
      'task',
      viaTask(() => {
        const link = new Link(1, host);
        link.dial(wsEngine, request, 60_000);
        return new TaskShell(link);
      })
    ],
    ['api', viaTask(() => api.connectSocket({ url, tcpNoDelay: true }))]
  ];

  const connects = quick ? 150 : 600;
  const rounds = quick ? 10 : 30;
  log(`contract costs: ${connects} connects and ${rounds} echo rounds per layer, interleaved`);
  const cpu = new Map(layers.map(([n]) => [n, []]));
  const wall = new Map(layers.map(([n]) => [n, []]));
  // Warmed up for as many turns as the connect case (bench/cases.mjs says why; here each
  // layer's code runs once per turn): a shorter warm-up charges each layer's warm-up to its samples.
  const warmup = quick ? 2_000 : 3_000;
  for (let i = -warmup; i < connects; i++) {
    for (let k = 0; k < layers.length; k++) {
      const [name, open] = layers[(i + warmup + k) % layers.length];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const link = await open();
      const used = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      await link.close();
      if (i >= 0) cpu.get(name).push(used.user + used.system), wall.get(name).push(ms * 1000);
    }
  }

  const links = new Map();
  for (const [name, open] of layers) links.set(name, await open());
  const rate = new Map(layers.map(([n]) => [n, []]));
  const echoCpu = new Map(layers.map(([n]) => [n, []]));
  for (let r = -3; r < rounds; r++) {
    for (let k = 0; k < layers.length; k++) {
      const [name] = layers[(r + 3 + k) % layers.length];
      const link = links.get(name);
      const n = 1000;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await new Promise((resolve) => {
        let left = n;
        link.handle(() => (--left === 0 ? resolve() : link.send(TEXT_32)));
        link.send(TEXT_32);
      });
      const used = process.cpuUsage(c0);
      if (r >= 0) rate.get(name).push(n / ((performance.now() - t0) / 1000)), echoCpu.get(name).push((used.user + used.system) / n);
    }
  }
  await Promise.all([...links.values()].map((link) => link.close()));

  const paired = (map, name) => median(map.get(name).map((v, i) => v / map.get('ws')[i]));
  return layers.map(([name]) => ({
    layer: name,
    connectCpuUs: Math.round(median(cpu.get(name))),
    connectCpuVsWs: Number(paired(cpu, name).toFixed(3)),
    connectWallUs: Math.round(median(wall.get(name))),
    connectWallVsWs: Number(paired(wall, name).toFixed(3)),
    echoPerSecond: Math.round(median(rate.get(name))),
    echoVsWs: Number(paired(rate, name).toFixed(3)),
    echoCpuUs: Number(median(echoCpu.get(name)).toFixed(1)),
    echoCpuVsWs: Number(paired(echoCpu, name).toFixed(3))
  }));
}

export function printCosts(rows) {
  const head = ['layer', 'connect CPU us', 'x ws', 'connect wall us', 'x ws', 'echo round trips/s', 'x ws', 'echo CPU us', 'x ws'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${[r.layer, r.connectCpuUs, r.connectCpuVsWs, r.connectWallUs, r.connectWallVsWs, r.echoPerSecond.toLocaleString('en-US'), r.echoVsWs, r.echoCpuUs, r.echoCpuVsWs].join(' | ')} |`
    );
  }
  return `${lines.join('\n')}\n`;
}
