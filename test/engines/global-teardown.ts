/**
 * Vitest global setup for the engine tests: makes the folder in which workers record the
 * process groups they start (test/engines/support/processes.ts) and, when the run ends,
 * kills every group still recorded there: a browser whose worker timed out or died is
 * not left running.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GROUPS_DIR_ENV, killGroup, onEnd } from './support/processes.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'minisocket-engine-groups-'));
  process.env[GROUPS_DIR_ENV] = dir;
  const teardown = (): void => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (killGroup(Number(name))) console.warn(`minisocket engine tests: killed process group ${name}, left running by a test`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Also when vitest itself is interrupted or ends without calling the teardown.
  onEnd(teardown);
  return teardown;
}
