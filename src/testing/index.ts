/**
 * `minisocket/testing`: tools for testing code that uses minisocket, against a real server.
 */
export { createTestServer } from './server.js';
export type { Fault, FaultOptions } from './faults.js';
export { installGlobals, type InstallGlobalsOptions, type UninstallGlobals } from './install-globals.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { matchers, type MatcherContext, type MatcherResult, type SocketMatchers } from './matchers.js';
export type {
  CloseInfo,
  ConnectionHandler,
  ConnectionRecord,
  Handshake,
  HandshakeRecord,
  MessageRecord,
  ServerLog,
  ServerObserver,
  TestConnection,
  TestServer,
  TestServerOptions,
  WaitOptions
} from './types.js';
export {
  createNativeStandIn,
  type NativeStandIn,
  type NativeStandInOptions,
  type NativeQuirks,
  type NativeRuntime
} from './native-standin.js';
