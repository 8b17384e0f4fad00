/**
 * The contract over the native engine with each runtime quirk that changes when open,
 * error and close are reported, and in which order, switched on alone (WeChat stand-in,
 * wx profile).
 */
import { runNativeContract } from './contract.js';
import { quirkRunsOf } from './quirk-runs.js';

for (const run of quirkRunsOf('event order')) runNativeContract(run, `native engine, quirk ${run.title}`);
