/**
 * The runtime rows the native engine reports once (docs/native.md's table): each platform's
 * row lives on its profile (`nativeLimits`), so that a one-platform bundle carries one row;
 * Taro H5's and the generic row live in the engine.
 */
import { describe, expect, it } from 'vitest';
import { runtimeLimits } from '../../src/engines/native/runtimes.js';
import { profiles } from '../../src/profiles/index.js';

const ALL = [
  'tell why a handshake failed (refused, DNS, TLS, HTTP status: all 610026)',
  'send ping frames (set heartbeat.message)',
  'take TLS options (rejectUnauthorized, ca)'
];

const ROWS: Record<string, { runtime: string; row: string[] }> = {
  standard: { runtime: 'native', row: ['report response headers or timing in onOpen, unless the runtime passes them'] },
  wx: { runtime: 'wx', row: [] },
  tt: { runtime: 'tt', row: ['report response headers or timing in onOpen'] },
  swan: { runtime: 'swan', row: ['report timing in onOpen'] },
  my: { runtime: 'my', row: ['report response headers or timing in onOpen'] },
  uni: { runtime: 'uni', row: ['report timing in onOpen', 'confirm that a sent message was written (success means queued)'] },
  taro: { runtime: 'taro', row: ['report timing in onOpen'] }
};

describe('native runtime rows', () => {
  it('each profile reports its own row after the limits every runtime shares', () => {
    expect(Object.keys(profiles).sort()).toEqual(Object.keys(ROWS).sort());
    for (const profile of Object.values(profiles)) {
      const { runtime, row } = ROWS[profile.name]!;
      expect(runtimeLimits(profile.name, profile.nativeLimits, false), profile.name).toEqual({ runtime, limits: [...ALL, ...row] });
    }
  });

  it("a task with a DOM WebSocket (Taro H5's task.ws) reports Taro H5's row, whatever the profile", () => {
    for (const profile of Object.values(profiles)) {
      const { runtime, limits } = runtimeLimits(profile.name, profile.nativeLimits, true);
      expect(runtime).toBe('taro-h5');
      expect(limits.slice(0, 3)).toEqual(ALL);
      expect(limits).toContain('send a close code or reason (the server sees 1005)');
    }
  });
});
