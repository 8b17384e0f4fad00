/**
 * Deno (the `deno` npm package) on both entries: the Node one, over the `ws` package from
 * node_modules through Deno's Node compatibility, and the WHATWG one, over Deno's global
 * WebSocket. The whole contract suite, in one Deno process per entry.
 */
import { ECANCELED_WRITES } from './support/differences.js';
import { startRuntime } from './support/runtime.js';
import { deno } from './support/runtimes.js';
import { runOnEngine } from './support/suite.js';

const located = deno();
const name = located.version.replace(/ \(.*$/, '').replace('deno', 'Deno') || 'Deno';
/** No prompt, no update check, every permission (the cases reach only loopback servers). */
const args = ['run', '--allow-all', '--no-prompt'];
const env = { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

runOnEngine({
  title: `${name}, Node entry (ws)`,
  env: 'node',
  located,
  differs: ECANCELED_WRITES,
  start: () => startRuntime({ binary: located.path!, args, entry: 'node', env })
});

runOnEngine({
  title: `${name}, WHATWG entry (its own WebSocket)`,
  env: 'browser',
  located,
  differs: {
    'no agreed subprotocol: error NO_AGREED_PROTOCOL, then close 1006':
      'Deno opens when the server names a subprotocol the client did not offer (ws.protocol says it; the engine checks only when some were offered)',
    'TCP drop without a close frame: close 1006, no error':
      'Deno fires error before close 1006 when the TCP connection drops, as undici does'
  },
  start: () => startRuntime({ binary: located.path!, args, entry: 'whatwg', env })
});
