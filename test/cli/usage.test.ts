/**
 * The command line itself: help for every command, bad arguments rejected with one line
 * and the usage (exit 2), the demo, and the line-command parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../src/cli/commands.js';
import { cleanEnv, ensureBuilt, run } from './helpers.js';

beforeAll(() => ensureBuilt());

describe('help', () => {
  it.each([
    [['--help'], 'Usage: minisocket <command>'],
    [['help'], 'Usage: minisocket <command>'],
    [['connect', '--help'], 'Usage: minisocket connect <url>'],
    [['help', 'connect'], 'Usage: minisocket connect <url>'],
    [['serve', '-h'], 'Usage: minisocket serve'],
    [['demo', '--help'], 'Usage: minisocket demo']
  ])('minisocket %j prints its usage and exits 0', async (args, heading) => {
    const finished = await run(args);
    expect(finished.status).toBe(0);
    expect(finished.stdout.startsWith(heading)).toBe(true);
    expect(finished.stderr).toBe('');
  });

  it('the connect help documents the exit status table', async () => {
    const { stdout } = await run(['connect', '--help']);
    for (const status of ['0  closed', '2  bad arguments', '3  the handshake failed', '4  the connection failed', '5  the server closed']) {
      expect(stdout).toContain(status);
    }
  });

  it('--version prints the package version', async () => {
    const finished = await run(['--version']);
    expect(finished.status).toBe(0);
    expect(finished.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('bad arguments: one line naming the problem, the usage, exit 2, nothing on stdout', () => {
  it.each([
    [[], 'Usage: minisocket <command>'],
    [['frobnicate'], 'minisocket: unknown command "frobnicate"'],
    [['connect'], 'minisocket: missing <url>'],
    [['connect', 'ws://a/', 'ws://b/'], 'minisocket: one <url> only, got 2 arguments'],
    [['connect', 'ws://a/', '--bogus'], "minisocket: Unknown option '--bogus'"],
    [['connect', 'ws://a/', '--timeout', 'soon'], 'minisocket: --timeout must be a whole number of milliseconds, got "soon"'],
    [['connect', 'ws://a/', '--timeout'], "minisocket: Option '--timeout <value>' argument missing"],
    [['connect', 'ws://a/', '-H', 'no colon'], `minisocket: header must look like 'Name: value', got "no colon"`],
    [['ws://a/', '--profile', 'qq'], 'minisocket: unknown profile "qq": one of standard, wx, tt, swan, uni, taro'],
    [['serve', '--port', 'http'], 'minisocket: --port must be 0 to 65535, got "http"'],
    [['serve', 'extra'], 'minisocket: serve takes no arguments, got "extra"'],
    [['demo', '--profile', 'qq'], 'minisocket: unknown profile "qq"']
  ])('minisocket %j', async (args, message) => {
    const finished = await run(args);
    expect(finished.status).toBe(2);
    expect(finished.stdout).toBe('');
    expect(finished.stderr.startsWith(message)).toBe(true);
    expect(finished.stderr).toContain('Usage: minisocket');
  });
});

describe('minisocket demo', () => {
  it('walks the seeds flow on the embedded server and exits 0', async () => {
    const finished = await run(['demo']);
    expect(finished.stderr).toBe('');
    expect(finished.status).toBe(0);
    const out = finished.stdout;
    const order = [
      '1. an embedded test server',
      '2. connectSocket(',
      '3. task.onOpen',
      '4. task.send',
      '5. task.send',
      '6. task.close',
      '7. a handshake'
    ];
    const positions = order.map((heading) => out.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('{"errMsg":"connectSocket:ok","socketTaskId":1}');
    expect(out).toContain('received X-Demo: minisocket');
    expect(out).toContain('"hello" (a string)');
    expect(out).toContain('ArrayBuffer(4) 010203ff');
    expect(out).toContain('{"code":4000,"reason":"demo finished"}');
    expect(out).toContain('"errMsg":"connectSocket:fail unexpected response status 503","errCode":610024');
    expect(out).not.toContain('\u001b[');
  });

  it('runs with another profile too', async () => {
    const finished = await run(['demo', '--profile', 'wx']);
    expect(finished.status).toBe(0);
    expect(finished.stdout).toContain('(profile wx)');
  });

  it('colours are off with NO_COLOR even where they would be on', async () => {
    // Not a terminal here either way: this proves NO_COLOR is accepted, the tmux session in docs/cli.md shows colour.
    const finished = await run(['demo'], '', cleanEnv({ NO_COLOR: '1' }));
    expect(finished.status).toBe(0);
    expect(finished.stdout).not.toContain('\u001b[');
  });
});

describe('input line commands', () => {
  it.each([
    ['hello', { kind: 'text', data: 'hello' }],
    ['', { kind: 'text', data: '' }],
    ['//etc/passwd', { kind: 'text', data: '/etc/passwd' }],
    ['/binary 01ff', { kind: 'binary', data: Uint8Array.from([1, 255]) }],
    ['/binary 01 FF 00', { kind: 'binary', data: Uint8Array.from([1, 255, 0]) }],
    ['/binary', { kind: 'binary', data: new Uint8Array(0) }],
    ['/close', { kind: 'close' }],
    ['/close 4000', { kind: 'close', code: 4000 }],
    ['/close 4000 see you  soon', { kind: 'close', code: 4000, reason: 'see you  soon' }],
    ['/ping', { kind: 'ping' }],
    ['/help', { kind: 'help' }]
  ])('%j', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each(['/binary 0g', '/binary 123', '/close soon', '/frob'])('%j is refused with a message', (line) => {
    const parsed = parseLine(line);
    expect(parsed.kind).toBe('invalid');
  });
});
