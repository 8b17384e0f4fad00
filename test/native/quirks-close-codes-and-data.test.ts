/**
 * The contract over the native engine with each runtime quirk that changes the close
 * codes, binary data and headers reaching either side, switched on alone (WeChat
 * stand-in, wx profile), and with all of Taro H5's quirks at once.
 */
import { runNativeContract } from './contract.js';
import { quirkRunsOf } from './quirk-runs.js';

for (const run of quirkRunsOf('close codes and data')) runNativeContract(run, `native engine, quirk ${run.title}`);
