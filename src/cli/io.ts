/**
 * The process's streams, passed in rather than reached for, so each command reads like
 * a function of its input and the tests of the pure parts need no process.
 */
import type { Readable, Writable } from 'node:stream';

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Registers a handler for SIGINT and SIGTERM (main.ts wires it to the process). */
  onSignal?: (handler: () => void) => void;
}

export function processIo(): Io {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onSignal(handler) {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
    }
  };
}
