/**
 * The contract over the native engine with each runtime quirk that changes what the
 * runtime's calls return, throw and call back, switched on alone (WeChat stand-in, wx
 * profile).
 */
import { runNativeContract } from './contract.js';
import { quirkRunsOf } from './quirk-runs.js';

for (const run of quirkRunsOf('call results')) runNativeContract(run, `native engine, quirk ${run.title}`);
