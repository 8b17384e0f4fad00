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
    reporters: ['default', './test/summary-reporter.ts']
  }
});
