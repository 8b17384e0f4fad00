/**
 * The engine under the real Artillery CLI (`artillery run --output`, telemetry off) against
 * `minisocket serve` on 127.0.0.1: the happy path with every step kind, a server that
 * misbehaves in nine ways (the run goes on, each user fails with its reason), and a typo.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServe, type Finished } from '../../../test/cli/helpers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ARTILLERY = join(dirname(createRequire(import.meta.url).resolve('artillery/package.json')), 'bin', 'run');
/** Artillery starts slowly on a busy machine (oclif, then a worker thread); every run is still bounded. */
const RUN_LIMIT_MS = 150_000;

interface Report {
  aggregate: {
    counters: Record<string, number>;
    summaries: Record<string, { count: number; min: number; max: number; p50: number }>;
  };
}

interface ArtilleryRun {
  status: number | null;
  output: string;
  report: Report | undefined;
}

const work = mkdtempSync(join(tmpdir(), 'minisocket-artillery-'));
let url: string;
let stopServe: () => Promise<Finished>;
let runs: Record<'echo' | 'bad' | 'typo' | 'guide', Promise<ArtilleryRun>>;

/** The scenario of docs/load-testing.md, as written there. */
function guideScenario(): string {
  const guide = readFileSync(join(HERE, '../../../docs/load-testing.md'), 'utf8');
  const block = /## A scenario[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide);
  if (!block) throw new Error('docs/load-testing.md has no yaml block under "## A scenario"');
  return block[1]!;
}

/** `artillery run --target <serve> --output <json> <fixture>`, from a private copy of the fixtures. */
function artillery(fixture: string, text?: string): Promise<ArtilleryRun> {
  const dir = mkdtempSync(join(work, 'run-'));
  cpSync(join(HERE, 'fixtures'), dir, { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, fixture), text);
  const reportPath = join(dir, 'report.json');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ARTILLERY, 'run', '--target', url, '--output', reportPath, join(dir, fixture)], {
      cwd: dir,
      env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.on('close', (status) => {
      clearTimeout(killer);
      let report: Report | undefined;
      try {
        report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
      } catch {
        report = undefined;
      }
      resolve({ status, output, report });
    });
  });
}

beforeAll(async () => {
  ensureBuilt();
  ({ url, stop: stopServe } = await startServe());
  // The three runs overlap: most of each is Artillery starting up and waiting for its phase.
  runs = {
    echo: artillery('echo.yml'),
    bad: artillery('bad-server.yml'),
    typo: artillery('typo.yml'),
    guide: artillery('chat.yml', guideScenario())
  };
  await Promise.all(Object.values(runs));
}, RUN_LIMIT_MS + 30_000);

afterAll(async () => {
  await stopServe?.();
  rmSync(work, { recursive: true, force: true });
});

describe('artillery run with engine: minisocket', () => {
  it('runs every step kind against /echo: all users complete, metrics under minisocket. names', async () => {
    const { status, output, report } = await runs.echo;
    expect(status, output).toBe(0);
    const { counters, summaries } = report!.aggregate;
    const users = counters['vusers.created']!;
    expect(users).toBeGreaterThan(0);
    expect(counters['vusers.completed'], output).toBe(users);
    expect(counters['vusers.failed'] ?? 0).toBe(0);
    expect(Object.keys(counters).filter((name) => name.startsWith('errors.'))).toEqual([]);
    // Per user: 4 sends and 3 in the loop (the processor's own task.send is its business), 8 echoes expected.
    expect(counters['minisocket.messages_sent']).toBe(users * 7);
    expect(counters['minisocket.messages_received']).toBe(users * 8);
    // "hello" 5, the JSON, 2 bytes, 2 bytes, "n=0".."n=2" 3 each; the processor's line comes back on top.
    expect(counters['minisocket.bytes_sent']).toBe(
      users * (5 + JSON.stringify({ type: 'ping', n: 1, tags: ['a', 'b'] }).length + 2 + 2 + 9)
    );
    expect(counters['minisocket.bytes_received']! - counters['minisocket.bytes_sent']!).toBe(users * 'from a processor'.length);
    expect(counters['minisocket.connections']).toBe(users);
    expect(counters['minisocket.close.4000']).toBe(users);
    expect(summaries['minisocket.connect_time']!.count).toBe(users);
    // One round trip per send followed by its expect.
    expect(summaries['minisocket.round_trip']!.count).toBe(users * 7);
    expect(summaries['minisocket.round_trip']!.min).toBeGreaterThanOrEqual(0);
  });

  it('a misbehaving server fails each user with its reason, and the run goes on', async () => {
    const { status, output, report } = await runs.bad;
    expect(status, output).toBe(0);
    const { counters } = report!.aggregate;
    expect(counters['vusers.created']).toBe(9);
    expect(counters['vusers.completed']).toBe(1);
    expect(counters['vusers.failed']).toBe(8);
    const reasons = Object.entries(counters)
      .filter(([name]) => name.startsWith('errors.'))
      .flatMap(([name, count]) => Array.from({ length: count }, () => name.slice('errors.scenario "bad server" '.length)));
    expect(reasons, reasons.join('\n')).toHaveLength(8);
    const take = (reason: string): void => {
      const at = reasons.indexOf(reason);
      expect(at, `${reason} in\n${reasons.join('\n')}`).not.toBe(-1);
      reasons.splice(at, 1);
    };
    // Refused handshake, handshake that never ends (config timeout 15000 ms, long enough for a busy machine): connect fails with the API's errMsg.
    take('flow[1] (connect): connectSocket:fail unexpected response status 500');
    take('flow[1] (connect): connectSocket:fail timeout');
    // No reply at all, and replies that are not the expected text.
    take('flow[4] (expect): no message within 3000 ms');
    take('flow[4] (expect): the message is not text "{{ expected }}"');
    take('flow[4] (expect): the message is not text "{{ expected }}"');
    // Garbage (an invalid frame), the server closing first, a dropped TCP connection: the send or the
    // expect after it fails, depending on whether the close was seen before the send.
    expect(reasons).toHaveLength(3);
    for (const reason of reasons) expect(reason).toMatch(/^flow\[[34]\] \((send|expect)\): .*(closed|not connected)/);
    // Each API error is counted by errCode too.
    expect(counters['minisocket.errors.610024']).toBe(1);
    expect(counters['minisocket.errors.610020']).toBe(1);
    expect(counters['minisocket.errors.610030']).toBe(1); // the bad frame
    expect(counters['minisocket.close.4001']).toBe(1);
  });

  it("docs/load-testing.md's scenario runs as written: 20 users, all complete", async () => {
    const { status, output, report } = await runs.guide;
    expect(status, output).toBe(0);
    const { counters, summaries } = report!.aggregate;
    expect(counters['vusers.created']).toBe(20);
    expect(counters['vusers.completed'], output).toBe(20);
    expect(counters['minisocket.messages_received']).toBe(20 * 4);
    expect(summaries['minisocket.round_trip']!.count).toBe(20 * 4);
    expect(counters['minisocket.close.1000']).toBe(20);
  });

  it('a misspelt step stops the run with an error that names the scenario and the step', async () => {
    const { status, output } = await runs.typo;
    expect(status).not.toBe(0);
    expect(output).toContain(
      'artillery-engine-minisocket: scenario "typo" flow[2]: unknown step "expct"; the steps are connect, send, expect'
    );
  });
});
