/**
 * `minisocket/testing`: tools for testing code that uses minisocket, against a real server.
 */
export { createTestServer } from './server.js';
export type { Fault, FaultOptions } from './faults.js';
export { installGlobals, type InstallGlobalsOptions, type UninstallGlobals } from './install-globals.js';
export type {
  ConnectionHandler,
  ConnectionRecord,
  HandshakeRecord,
  MessageRecord,
  ServerLog,
  ServerObserver,
  TestServer,
  TestServerOptions
} from './types.js';
export {
  createNativeStandIn,
  type NativeStandIn,
  type NativeStandInOptions,
  type NativeQuirks,
  type NativeRuntime
} from './native-standin.js';
