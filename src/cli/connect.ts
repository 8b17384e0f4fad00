/**
 * `minisocket connect <url>`: one SocketTask driven from standard input, every event
 * printed as the API delivers it, and an exit status that says how the connection ended.
 */
import { createInterface, type Interface } from 'node:readline';
import { createSocketApi, type ConnectSocketOptions, type SocketApiConfig, type SocketTask } from '../index.js';
import { LINE_HELP, parseLine, type LineCommand } from './commands.js';
import { parseConnectArgs, type ConnectArgs } from './connect-args.js';
import { printClose, printError, printFail, printMessage, printOpen, printWarning } from './events.js';
import { Printer, printable, quote, shortHex, toHex, wantsColour } from './output.js';
import type { Io } from './io.js';
import { CONNECT_USAGE, UsageError } from './usage.js';
import { cliWire, type Wire } from './wire.js';

/** How `connect` ends; docs/cli.md has the same table. */
export const ExitStatus = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  HANDSHAKE_FAILED: 3,
  CONNECTION_LOST: 4,
  PEER_CLOSED: 5
} as const;

/** Sends in flight (handed to the task, not yet written) before input is paused: piping a big file must not hit the 16 MiB queue rule. */
const MAX_IN_FLIGHT = 64;
/** Input lines waiting for the socket before readline is paused. */
const MAX_QUEUED = 256;

type Connect = (options: ConnectSocketOptions) => SocketTask | Promise<unknown>;

export async function runConnect(args: string[], io: Io): Promise<number> {
  const options = parseConnectArgs(args);
  if (options.help) {
    io.stdout.write(CONNECT_USAGE);
    return ExitStatus.OK;
  }
  return new Session(options, io).run();
}

class Session {
  private readonly printer: Printer;
  private readonly input: Interface;
  private readonly prompt: boolean;
  private readonly wire: Wire;
  private task: SocketTask | undefined;
  private opened = false;
  /** connectSocket's fail callback ran: the onError that follows says the same, people see it once. */
  private failed = false;
  private ended = false;
  /** close() was called by us and succeeded. */
  private closeAsked = false;
  /** The code that close() asked for. */
  private askedCode = 1000;
  /** An onError arrived after open: the connection failed rather than closed. */
  private failedAfterOpen = false;
  private inputEnded = false;
  private interrupted = false;
  private inFlight = 0;
  private readonly queue: LineCommand[] = [];
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the end-of-input wait ends at the latest (messages cannot extend it past this). */
  private lingerUntil = 0;
  /** stdout is not taking lines: the socket is paused and the --wait clock stopped. */
  private outputBlocked = false;
  private resolve!: (status: number) => void;

  constructor(
    private readonly options: ConnectArgs,
    private readonly io: Io
  ) {
    this.printer = new Printer({
      json: options.json,
      colour: options.colour ?? wantsColour(io.stdout, io.env),
      out: io.stdout,
      err: io.stderr
    });
    this.wire = cliWire(
      {
        ...(options.tls.cert === undefined ? {} : { cert: options.tls.cert }),
        ...(options.tls.key === undefined ? {} : { key: options.tls.key }),
        ...(options.tls.passphrase === undefined ? {} : { passphrase: options.tls.passphrase })
      },
      {
        ping: (data) =>
          this.printer.event({ event: 'server-ping', data: Buffer.from(data).toString('utf8') }, () =>
            this.printer.paint('in', `< ping${data.byteLength > 0 ? ` ${quote(Buffer.from(data).toString('utf8'))}` : ''} (answered)`)
          ),
        pong: (data) =>
          this.printer.event({ event: 'pong', ...(data.byteLength > 0 ? { data: Buffer.from(data).toString('utf8') } : {}) }, () =>
            this.printer.paint('in', `< pong${data.byteLength > 0 ? ` ${quote(Buffer.from(data).toString('utf8'))}` : ''}`)
          )
      }
    );
    // A prompt only when a person is typing and reading: both ends are terminals.
    this.prompt = io.stdin.isTTY === true && io.stdout.isTTY === true && !options.json;
    this.input = createInterface({
      input: io.stdin,
      output: this.prompt ? io.stdout : undefined,
      terminal: this.prompt,
      crlfDelay: Infinity
    });
    if (this.prompt) {
      this.input.setPrompt('> ');
      this.printer.aroundWrite = (write) => {
        io.stdout.write('\r\u001b[K'); // erase the prompt line, print, then redraw prompt and typed text
        write();
        this.input.prompt(true);
      };
    }
  }

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.resolve = resolve));
    // Backpressure: while stdout is blocked the socket is not read, so the server's data waits in TCP, not in our memory.
    this.printer.onBlocked = (blocked) => {
      this.outputBlocked = blocked;
      if (blocked) this.wire.socket?.pause?.();
      else this.wire.socket?.resume?.();
      if (!blocked) this.restartLinger(true);
    };
    const config: SocketApiConfig = {
      profile: this.options.profile,
      warn: (message) => printWarning(this.printer, message),
      engine: this.wire.engine,
      ...(this.options.insecure ? { rejectUnauthorized: false } : {}),
      ...(this.options.tls.ca === undefined ? {} : { ca: this.options.tls.ca })
    };
    let api: { connectSocket: Connect };
    try {
      api = createSocketApi(config) as unknown as { connectSocket: Connect };
    } catch (error) {
      // The profile list in connect-args.ts names a profile this build does not register.
      throw new UsageError(error instanceof Error ? error.message.replace(/^minisocket: /, '') : String(error), 'connect');
    }
    this.printer.note(this.printer.paint('dim', `connecting to ${printable(this.options.url)} (profile ${this.options.profile})`));
    this.input.on('line', (line) => this.onLine(line));
    this.input.on('close', () => this.onInputEnd());
    this.input.on('SIGINT', () => this.interrupt());
    this.io.onSignal?.(() => this.interrupt());

    const request: ConnectSocketOptions = {
      url: this.options.url,
      header: this.options.header,
      // connectSocket:ok means the task exists, not that it is open: onOpen says that.
      success: (result) =>
        this.printer.event({ event: 'connect', ...result }, () =>
          this.printer.paint('dim', `* connecting (${result.errMsg}, socketTaskId ${result.socketTaskId})`)
        ),
      fail: (error) => {
        this.failed = true;
        printFail(this.printer, 'connectSocket', error);
        // The task is dead and fires onError only: leave once that has been printed.
        setImmediate(() => this.finish(ExitStatus.USAGE));
      }
    };
    // Alipay returns a task only with multiple: true (otherwise the socket lives behind its global functions).
    if (this.options.profile === 'my') (request as ConnectSocketOptions & { multiple: boolean }).multiple = true;
    if (this.options.protocols.length > 0) request.protocols = this.options.protocols;
    if (this.options.timeout !== undefined) request.timeout = this.options.timeout;
    const result = api.connectSocket(request);
    if (result instanceof Promise) {
      // The taro profile returns a Promise of the task (or, on failure, of the fail result).
      result.then(
        (task) => this.attach(task),
        () => undefined // the fail callback has reported it
      );
    } else {
      // At once: the API promises every event to listeners attached right after connectSocket returns.
      this.attach(result);
    }
    if (this.prompt) this.input.prompt();
    return done;
  }

  private attach(value: unknown): void {
    if (typeof value !== 'object' || value === null || typeof (value as SocketTask).onOpen !== 'function') return;
    const task = (this.task = value as SocketTask);
    task.onOpen((result) => {
      this.opened = true;
      printOpen(this.printer, result, task.socketTaskId);
      this.pump();
    });
    task.onMessage((result) => {
      printMessage(this.printer, result);
      // --wait counts quiet time: replies still coming in keep the connection open.
      this.restartLinger();
    });
    task.onError((error) => {
      if (this.opened) this.failedAfterOpen = true;
      // After a fail callback the task's onError repeats it: once for people, both for --json (both happened).
      if (this.failed && !this.printer.json) return;
      printError(this.printer, error);
    });
    task.onClose((result) => {
      this.stopPrompt();
      printClose(this.printer, result);
      this.finish(this.statusFor(result.code));
    });
  }

  private statusFor(code: number): number {
    if (!this.opened) return this.closeAsked ? ExitStatus.OK : ExitStatus.HANDSHAKE_FAILED;
    if (this.failedAfterOpen || code === 1006) return ExitStatus.CONNECTION_LOST;
    // A close both sides started at once ends with the server's code: ours counts only if it is the one reported.
    if (code === 1000 || (this.closeAsked && code === this.askedCode)) return ExitStatus.OK;
    return ExitStatus.PEER_CLOSED;
  }

  // ---- input ---------------------------------------------------------------------

  private onLine(line: string): void {
    if (this.ended) return;
    const command = parseLine(line);
    if (command.kind === 'help' || command.kind === 'invalid') {
      this.run1(command); // about the command line, not the socket: answer at once
    } else {
      // Everything else waits for open, so a script's lines run in order on an open socket.
      if (!this.opened && this.prompt) this.printer.note(this.printer.paint('dim', '(not open yet: sent once it opens)'));
      this.queue.push(command);
      if (this.queue.length >= MAX_QUEUED) this.input.pause();
      this.pump();
    }
    if (this.prompt) this.input.prompt();
  }

  private onInputEnd(): void {
    this.inputEnded = true;
    this.pump();
  }

  private pump(): void {
    while (this.opened && !this.ended && this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      this.run1(this.queue.shift()!);
    }
    if (this.queue.length < MAX_QUEUED / 4 && !this.inputEnded) this.input.resume();
    if (
      this.inputEnded &&
      !this.options.keepOpen &&
      this.opened &&
      this.queue.length === 0 &&
      this.inFlight === 0 &&
      !this.closeAsked &&
      this.lingerTimer === undefined
    ) {
      // End of input: close with 1000 (after --wait, so late replies can still arrive).
      this.lingerUntil = Date.now() + 10 * this.options.wait;
      this.lingerTimer = setTimeout(() => this.lingerDone(), this.options.wait);
    }
  }

  /**
   * The end-of-input wait starts over: a message arrived (replies still coming in keep the
   * connection open, up to 10 times --wait in all, so a chatty server cannot hold it), or
   * stdout drained after it had blocked (always).
   */
  private restartLinger(drained = false): void {
    if (this.lingerTimer === undefined || this.closeAsked || this.ended) return;
    if (!drained && Date.now() + this.options.wait > this.lingerUntil) return;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => this.lingerDone(), this.options.wait);
  }

  private lingerDone(): void {
    // While output is blocked the socket is paused: replies may be waiting in TCP. The drain restarts the clock.
    if (this.outputBlocked) return;
    this.close(1000, undefined, true);
  }

  private run1(command: LineCommand): void {
    switch (command.kind) {
      case 'text':
        return this.send(command.data, 'text', command.data);
      case 'binary':
        return this.send(command.data.buffer as ArrayBuffer, 'binary', toHex(command.data));
      case 'close':
        return this.close(command.code, command.reason, false);
      case 'ping':
      case 'pong':
        return this.control(command.kind, command.data);
      case 'help':
        return this.printer.note(LINE_HELP.join('\n'));
      case 'invalid':
        return this.printer.problem(command.message);
    }
  }

  private send(data: string | ArrayBuffer, type: 'text' | 'binary', shown: string): void {
    // Shown when handed to the task, so the output keeps the input's order; a failure is reported after it.
    // At a prompt the typed line is already on screen.
    if (!this.prompt) {
      const size = typeof data === 'string' ? undefined : data.byteLength;
      this.printer.event({ event: 'send', type, data: shown, ...(size === undefined ? {} : { size }) }, () =>
        this.printer.paint('out', type === 'text' ? `> ${printable(shown)}` : `> binary ${size} bytes: ${shortHex(data as ArrayBuffer)}`)
      );
    }
    this.inFlight++;
    const settled = (): void => {
      this.inFlight--;
      this.pump();
    };
    this.task!.send({
      data,
      success: settled,
      fail: (error) => {
        printFail(this.printer, 'sendSocketMessage', error);
        settled();
      }
    });
  }

  private close(code: number | undefined, reason: string | undefined, quiet: boolean): void {
    const task = this.task;
    if (task === undefined || this.ended) return;
    const options = { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) };
    task.close({
      ...options,
      success: (result) => {
        this.closeAsked = true;
        const shownCode = (this.askedCode = code ?? 1000);
        this.printer.event({ event: 'closing', errMsg: result.errMsg, code: shownCode, reason: reason ?? '' }, () =>
          this.printer.paint('dim', `${result.errMsg} code ${shownCode}${reason ? ` reason ${quote(reason)}` : ''}`)
        );
      },
      // At the end of input the socket may already be closing (the server closed first): nothing to say.
      fail: (error) => (quiet ? undefined : printFail(this.printer, 'closeSocket', error))
    });
  }

  /** /ping and /pong: control frames straight on the wire (the API has no call for them). */
  private control(kind: 'ping' | 'pong', data: string | undefined): void {
    const socket = this.wire.socket;
    const send = socket?.[kind];
    if (this.task?.readyState !== 1 || socket === undefined || send === undefined) {
      this.printer.problem(`/${kind}: the socket is not open`);
      return;
    }
    send.call(socket, data === undefined ? undefined : Buffer.from(data, 'utf8'));
    if (!this.prompt)
      this.printer.event({ event: kind, ...(data === undefined ? {} : { data }) }, () =>
        this.printer.paint('out', `> ${kind}${data === undefined ? '' : ` ${quote(data)}`}`)
      );
  }

  /** Ctrl-C: the first closes with 1000 (or aborts the handshake); the second leaves at once. */
  private interrupt(): void {
    if (this.interrupted || this.task === undefined) return this.finish(130);
    this.interrupted = true;
    this.printer.note(this.printer.paint('dim', '(interrupt: closing; press Ctrl-C again to quit at once)'));
    this.close(1000, undefined, true);
  }

  private stopPrompt(): void {
    if (!this.prompt || this.printer.aroundWrite === undefined) return;
    this.printer.aroundWrite = undefined;
    this.io.stdout.write('\r\u001b[K');
  }

  private finish(status: number): void {
    if (this.ended) return;
    this.ended = true;
    // Never silently: lines that were waiting for the socket are named as not sent.
    const unsent = this.queue.filter((command) => command.kind === 'text' || command.kind === 'binary').length;
    if (unsent > 0)
      this.printer.problem(
        `${unsent} input line${unsent === 1 ? ' was' : 's were'} not sent: the connection ${this.opened ? 'closed' : 'never opened'} first`
      );
    this.queue.length = 0;
    clearTimeout(this.lingerTimer);
    this.stopPrompt();
    this.input.close();
    this.resolve(status);
  }
}
