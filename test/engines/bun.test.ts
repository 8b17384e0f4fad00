/**
 * Bun (the `bun` npm package) on both entries: the Node one, over `ws` as Bun provides it
 * (Bun answers `import 'ws'` with its own implementation), and the WHATWG one, over Bun's
 * global WebSocket. The whole contract suite, in one Bun process per entry.
 */
import { ECANCELED_WRITES } from './support/differences.js';
import { startRuntime } from './support/runtime.js';
import { bun } from './support/runtimes.js';
import { runOnEngine } from './support/suite.js';

const located = bun();

runOnEngine({
  title: `Bun ${located.version}, Node entry (ws)`,
  env: 'node',
  located,
  differs: ECANCELED_WRITES,
  start: () => startRuntime({ binary: located.path!, args: ['run'], entry: 'node' })
});

runOnEngine({
  title: `Bun ${located.version}, WHATWG entry (its own WebSocket)`,
  env: 'browser',
  located,
  start: () => startRuntime({ binary: located.path!, args: ['run'], entry: 'whatwg' })
});
