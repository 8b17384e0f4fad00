/**
 * `minisocket serve`: the testing kit's server on a fixed port, printing what it sees.
 * The fault modes are the kit's path scenarios; this file only prints and waits.
 */
import { parseArgs } from 'node:util';
import type { WebSocket } from 'ws';
import { createTestServer, type ConnectionRecord, type HandshakeRecord } from '../testing/index.js';
import { parseOrExplain } from './connect-args.js';
import type { Io } from './io.js';
import { Printer, printable, quote, shortHex, wantsColour } from './output.js';
import { SERVE_USAGE, UsageError } from './usage.js';

interface ServeArgs {
  port: number;
  host: string;
  json: boolean;
  colour: boolean | undefined;
  help: boolean;
}

export function parseServeArgs(args: string[]): ServeArgs {
  const { values, positionals } = parseOrExplain('serve', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        json: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  );
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${JSON.stringify(positionals[0])}`, 'serve');
  const port = values.port ?? '8080';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be 0 to 65535, got ${JSON.stringify(port)}`, 'serve');
  return {
    port: Number(port),
    host: values.host ?? '127.0.0.1',
    json: values.json === true,
    colour: values['no-color'] === true ? false : undefined,
    help: values.help === true
  };
}

function watch(printer: Printer, id: number, ws: WebSocket, record: ConnectionRecord): void {
  const tag = printer.paint('dim', `[${id}]`);
  printer.event(
    { event: 'connection', id, path: record.url, protocol: record.protocol },
    () =>
      `${tag} ${printer.paint('info', `open ${printable(record.url)}`)}${record.protocol ? ` protocol ${printable(record.protocol)}` : ''}`
  );
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      printer.event(
        { event: 'message', id, type: 'binary', data: data.toString('hex'), size: data.length },
        () => `${tag} ${printer.paint('in', `< binary ${data.length} bytes: ${shortHex(data)}`)}`
      );
    } else {
      const text = data.toString('utf8');
      printer.event({ event: 'message', id, type: 'text', data: text }, () => `${tag} ${printer.paint('in', `< ${printable(text)}`)}`);
    }
  });
  ws.on('error', (error) =>
    printer.event({ event: 'error', id, message: error.message }, () => `${tag} ${printer.paint('error', `! ${printable(error.message)}`)}`)
  );
  ws.on('close', (code: number, reason: Buffer) => {
    const text = reason.toString('utf8');
    printer.event(
      { event: 'close', id, code, reason: text },
      () => `${tag} ${printer.paint('close', `close ${code}${text ? ` ${quote(text)}` : ''}`)}`
    );
  });
}

export async function runServe(args: string[], io: Io): Promise<number> {
  const options = parseServeArgs(args);
  if (options.help) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const printer = new Printer({
    json: options.json,
    colour: options.colour ?? wantsColour(io.stdout, io.env),
    out: io.stdout,
    err: io.stderr
  });
  let connections = 0;
  const handshake = (record: HandshakeRecord): void =>
    printer.event({ event: 'handshake', path: record.url, protocols: record.protocols, headers: record.headers }, () =>
      [
        printer.paint(
          'dim',
          `handshake ${printable(record.method)} ${printable(record.url)}${record.protocols.length ? ` protocols ${printable(record.protocols.join(', '))}` : ''}`
        ),
        // The client's text: each header one escaped line, so a hostile value cannot forge an event.
        ...Object.entries(record.headers).map(([name, value]) =>
          printer.paint('dim', `    ${printable(name)}: ${printable(Array.isArray(value) ? value.join(', ') : String(value))}`)
        )
      ].join('\n')
    );
  let server: Awaited<ReturnType<typeof createTestServer>>;
  try {
    server = await createTestServer({
      port: options.port,
      host: options.host,
      observer: { handshake, connection: (ws, record) => watch(printer, ++connections, ws, record) }
    });
  } catch (error) {
    printer.problem(`cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  printer.event({ event: 'listening', url: server.url, port: server.port }, () =>
    [
      printer.paint('info', `minisocket test server on ${server.url}`),
      printer.paint('dim', `  try: minisocket connect ${server.url}/echo`),
      printer.paint('dim', '  paths: /echo /broadcast /slow/<ms> /close/<code>/<reason> /drop'),
      printer.paint('dim', '         /status/<n> /hang ... (minisocket serve --help)'),
      printer.paint('dim', '  Ctrl-C stops it')
    ].join('\n')
  );
  const running = server;
  return new Promise<number>((resolve) => {
    let stopping = false;
    io.onSignal?.(() => {
      if (stopping) return;
      stopping = true;
      printer.note(printer.paint('dim', 'stopping'));
      void running.close().then(() => resolve(0));
    });
  });
}
