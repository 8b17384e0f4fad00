/**
 * `minisocket/testing`: tools for testing code that uses minisocket, against a real server.
 */
export { createTestServer } from './server.js';
export type { Fault, FaultOptions } from './faults.js';
export { createPlatformEvents, type PlatformEvents, type PlatformEventsOptions, type NetworkType } from './platform-events.js';
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
