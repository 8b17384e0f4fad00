import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Forks give each file its own process, so handle and timer counts are per file.
    pool: 'forks',
    // Two cores: more workers only adds scheduling noise to the socket tests.
    maxWorkers: 2,
    // Kills any browser, driver, Xvfb or runtime process group an engine test left behind.
    globalSetup: ['./test/engines/global-teardown.ts'],
    reporters: ['default', './test/summary-reporter.ts']
  }
});
