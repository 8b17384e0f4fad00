/** The contract over the native engine with each runtime quirk switched on in turn (WeChat stand-in, wx profile). Part 1 of 3. */
import { runNativeContract } from './contract.js';
import { QUIRK_RUNS } from './quirk-runs.js';

for (const run of QUIRK_RUNS.slice(0, 6)) runNativeContract(run, `native engine, quirk ${run.title}`);
