/**
 * Runs the shared contract cases (test/contract) in Node against the real test server,
 * under the standard profile: one `it` per case, each with a fresh API object whose
 * warnings the case can read. (Each platform profile's test file runs them too.)
 */
import { runContract } from '../profiles/contract.js';

runContract('standard');
