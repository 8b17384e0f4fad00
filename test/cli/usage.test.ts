/**
 * The command line itself: help for every command, bad arguments rejected with one line
 * and the usage (exit 2), the demo, and the line-command parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLine } from '../../src/cli/commands.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, ensureBuilt, ROOT, run } from './helpers.js';

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

  it.each([['--version'], ['-V'], ['-v']])('%s prints the package version and nothing else', async (flag) => {
    const finished = await run([flag]);
    expect(finished.status).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(finished.stdout).toBe(`${version}\n`);
    expect(finished.stderr).toBe('');
  });

  it('the connect and serve helps list the new options', async () => {
    const connect = (await run(['connect', '--help'])).stdout;
    for (const option of [
      '--origin',
      '--auth',
      '--ca <file>',
      '--cert <file>',
      '--key <file>',
      '--passphrase',
      '--keep-open',
      '--no-color',
      '/pong [data]'
    ]) {
      expect(connect).toContain(option);
    }
    expect((await run(['help', 'serve'])).stdout).toContain('--no-color');
  });
});

describe('bad arguments: the reason, one hint, exit 2, nothing on stdout', () => {
  it('no arguments at all print the usage (exit 2)', async () => {
    const finished = await run([]);
    expect(finished.status).toBe(2);
    expect(finished.stdout).toBe('');
    expect(finished.stderr.startsWith('Usage: minisocket <command>')).toBe(true);
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"', 'minisocket --help'],
    [['connect'], 'missing <url>', 'minisocket connect --help'],
    [
      ['connect', 'ws://a/', 'ws://b/'],
      'one <url> only, got 2 arguments (quote a header value that has spaces)',
      'minisocket connect --help'
    ],
    [['connect', 'ws://a/', '--bogus'], 'unknown option --bogus', 'minisocket connect --help'],
    [
      ['connect', 'ws://a/', '--timeout', 'soon'],
      '--timeout must be a whole number of milliseconds, got "soon"',
      'minisocket connect --help'
    ],
    [['connect', 'ws://a/', '--timeout'], '--timeout needs a value', 'minisocket connect --help'],
    [['connect', 'ws://a/', '--json=yes'], '--json takes no value', 'minisocket connect --help'],
    [['connect', 'ws://a/', '-H', 'no colon'], `header must look like 'Name: value', got "no colon"`, 'minisocket connect --help'],
    [['connect', 'ws://a/', '--auth', 'nocolon'], `--auth must look like 'user:password', got "nocolon"`, 'minisocket connect --help'],
    [
      ['connect', 'wss://a/', '--ca', '/nonexistent/ca.pem'],
      '--ca: cannot read "/nonexistent/ca.pem": no such file',
      'minisocket connect --help'
    ],
    [
      ['connect', 'wss://a/', '--cert', 'package.json'],
      '--cert and --key go together (a client certificate and its private key)',
      'minisocket connect --help'
    ],
    [['connect', 'wss://a/', '--passphrase', 'x'], '--passphrase unlocks a --key: give the key file too', 'minisocket connect --help'],
    [['ws://a/', '--profile', 'qq'], 'unknown profile "qq": one of standard, wx, tt, swan, uni, taro, my', 'minisocket connect --help'],
    [['serve', '--port', 'http'], '--port must be 0 to 65535, got "http"', 'minisocket serve --help'],
    [['serve', 'extra'], 'serve takes no arguments, got "extra"', 'minisocket serve --help'],
    [['serve', '--bogus'], 'unknown option --bogus', 'minisocket serve --help'],
    [['demo', '--profile', 'qq'], 'unknown profile "qq": one of standard, wx, tt, swan, uni, taro, my', 'minisocket demo --help']
  ])('minisocket %j', async (args, reason, help) => {
    const finished = await run(args);
    expect(finished.status).toBe(2);
    expect(finished.stdout).toBe('');
    // Exactly two lines: no usage dump, no text of node:util's parseArgs.
    expect(finished.stderr).toBe(`minisocket: ${reason}\nTry '${help}'.\n`);
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
    ['/ping are you there', { kind: 'ping', data: 'are you there' }],
    ['/pong', { kind: 'pong' }],
    ['/pong 42', { kind: 'pong', data: '42' }],
    ['/help', { kind: 'help' }]
  ])('%j', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each(['/binary 0g', '/binary 123', '/close soon', '/frob', `/ping ${'x'.repeat(126)}`])('%j is refused with a message', (line) => {
    const parsed = parseLine(line);
    expect(parsed.kind).toBe('invalid');
  });
});
