/**
 * Deno (the `deno` npm package) on both entries: the Node one, over the `ws` package from
 * node_modules through Deno's Node compatibility, and the WHATWG one, over Deno's global
 * WebSocket. The whole contract suite, in one Deno process per entry.
 */
import { runOnEngine } from './support/suite.js';
import { startRuntime } from './support/runtime.js';
import { deno } from './support/runtimes.js';

const located = deno();
/** No prompt, no update check, every permission (the cases reach only loopback servers). */
const args = ['run', '--allow-all', '--no-prompt'];
const env = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

runOnEngine({
  title: `${located.version.replace(/ \(.*$/, '').replace('deno', 'Deno')}, Node entry (ws)`,
  env: 'node',
  located,
  start: () => startRuntime({ binary: located.path!, args, entry: 'node', env })
});

runOnEngine({
  title: `${located.version.replace(/ \(.*$/, '').replace('deno', 'Deno')}, WHATWG entry (its own WebSocket)`,
  env: 'browser',
  located,
  start: () => startRuntime({ binary: located.path!, args, entry: 'whatwg', env })
});
