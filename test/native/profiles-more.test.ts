/**
 * The contract over the native engine: the uni and taro profiles on their runtimes'
 * stand-ins, and Alipay's runtime (split from profiles.test.ts to run in parallel). The
 * shared cases drive tasks, which the `my` profile returns only with `multiple: true`, so
 * Alipay's runtime runs them under the standard profile (as test/profiles/my.test.ts keeps
 * the my profile's own shape); native-engine.test.ts runs the my profile's global mode.
 */
import { runNativeContract } from './contract.js';

runNativeContract({ profile: 'uni', runtime: 'uni' }, 'native engine: uni on the uni-app stand-in');
runNativeContract({ profile: 'taro', runtime: 'taro' }, 'native engine: taro on the Taro (mini-program) stand-in');
runNativeContract({ profile: 'standard', runtime: 'my' }, 'native engine: standard on the Alipay stand-in (multiple: true)');
