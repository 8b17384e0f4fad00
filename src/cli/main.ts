#!/usr/bin/env node
/**
 * The `minisocket` command: picks the subcommand, turns a wrong command line into one
 * clear line plus the usage (exit 2), and leaves with the status the command returned.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runConnect } from './connect.js';
import { looksLikeAddress } from './connect-args.js';
import { runDemo } from './demo.js';
import { processIo, type Io } from './io.js';
import { runServe } from './serve.js';
import { CONNECT_USAGE, DEMO_USAGE, MAIN_USAGE, SERVE_USAGE, UsageError } from './usage.js';

const USAGE: Record<string, string> = { connect: CONNECT_USAGE, serve: SERVE_USAGE, demo: DEMO_USAGE };

/** The package's version, read beside the built file (dist/<format>/cli/main.js), so ESM and CJS builds agree. */
function version(): string {
  try {
    const root = join(dirname(realpathSync(process.argv[1] ?? '')), '..', '..', '..');
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    switch (first) {
      case undefined:
        io.stderr.write(MAIN_USAGE);
        return 2;
      case 'help':
        io.stdout.write(USAGE[rest[0] ?? ''] ?? MAIN_USAGE);
        return 0;
      case '-h':
      case '--help':
        io.stdout.write(MAIN_USAGE);
        return 0;
      case '-v':
      case '-V':
      case '--version':
        io.stdout.write(`${version()}\n`);
        return 0;
      case 'connect':
        return await runConnect(rest, io);
      case 'serve':
        return await runServe(rest, io);
      case 'demo':
        return await runDemo(rest, io);
      default:
        // `minisocket ws://host/path`, `minisocket 127.0.0.1:8080` and `minisocket --json ws://...` mean connect.
        if (first.startsWith('-') || first.includes('://') || looksLikeAddress(first)) return await runConnect(argv, io);
        throw new UsageError(`unknown command ${JSON.stringify(first)}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // The reason and one hint; the full usage is one --help away.
      const help = error.command === undefined ? 'minisocket --help' : `minisocket ${error.command} --help`;
      io.stderr.write(`minisocket: ${error.message}\nTry '${help}'.\n`);
      return 2;
    }
    io.stderr.write(`minisocket: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

// A reader that went away (`minisocket demo | head`): leave quietly with the status a shell gives SIGPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  throw error;
});

void main(process.argv.slice(2), processIo()).then((status) => {
  process.exitCode = status;
  // stdin (a terminal, or a pipe still open) would keep the process alive: leave once stdout has drained.
  process.stdout.write('', () => process.exit(status));
});
