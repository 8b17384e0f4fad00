// How long the connect path takes to warm up: `node bench/warmup.mjs [blocks]` opens and
// closes connections over an engine that opens at once (no network), and prints the mean
// client CPU per connect (to open) in blocks of 150. Compare with `node --no-opt
// bench/warmup.mjs`: the difference in the early blocks is V8 compiling minisocket's code on
// background threads, which process.cpuUsage() counts (docs/performance.md, "Connect to
// open: steady state, warm-up and no JIT").
const dist = process.env.MINISOCKET_DIST ?? new URL('../dist/esm/index.js', import.meta.url).href;
const { createSocketApi } = await import(dist);
const { wsEngine } = await import(dist.replace(/index\.js$/, 'engines/ws.js'));

// The Node engine's capabilities, so connectSocket takes the path it takes over ws.
const instant = {
  name: 'instant',
  capabilities: wsEngine.capabilities,
  connect(_request, sink) {
    setImmediate(() => sink.open({}, undefined));
    return {
      bufferedAmount: 0,
      send() {},
      close: (code, reason) => setImmediate(() => sink.close(code, reason)),
      abort() {}
    };
  }
};
const api = createSocketApi({ engine: instant, warn() {} });
const BLOCK = 150;
const blocks = Number(process.argv[2] ?? 40);
const means = [];
for (let b = 0; b < blocks; b++) {
  let cpu = 0;
  for (let i = 0; i < BLOCK; i++) {
    const used = process.cpuUsage();
    const task = await new Promise((resolve, reject) => {
      const task = api.connectSocket({ url: 'ws://127.0.0.1:9/', tcpNoDelay: true });
      task.onError((error) => reject(new Error(error.errMsg)));
      task.onOpen(() => resolve(task));
    });
    const spent = process.cpuUsage(used);
    cpu += spent.user + spent.system;
    await new Promise((closed) => {
      task.onClose(closed);
      task.close({ code: 1000 });
    });
  }
  means.push(Math.round(cpu / BLOCK));
}
console.log(`CPU us per connect, blocks of ${BLOCK}: ${means.join(' ')}`);
