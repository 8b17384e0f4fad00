/** The contract over the native engine under every profile, each on its own runtime's stand-in (that runtime's default quirks). */
import { runNativeContract } from './contract.js';

runNativeContract({ profile: 'standard', runtime: 'uni' }, 'native engine: standard on the uni-app stand-in');
runNativeContract({ profile: 'wx', runtime: 'wx' }, 'native engine: wx on the WeChat stand-in');
runNativeContract({ profile: 'tt', runtime: 'tt' }, 'native engine: tt on the Douyin stand-in');
runNativeContract({ profile: 'swan', runtime: 'swan' }, 'native engine: swan on the Baidu stand-in');
