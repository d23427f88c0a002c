import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time (rate limits, parallel batches, retry waits,
 * deadlines) run in a group of their own after the others, one file at a
 * time, so CPU contention from other test files cannot skew what they measure.
 */
const TIMING = [
  'core/src/runner/rate-limit.test.ts',
  'core/src/runner/resilience.test.ts',
  'core/src/batch/batch-runner.test.ts',
  'core/src/observability/loki-transport.test.ts',
];

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests.
    conditions: ['@mcpist/source'],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './vitest.summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['core/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
          exclude: TIMING,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'timing', include: TIMING, sequence: { groupOrder: 1 }, fileParallelism: false },
      },
    ],
  },
});
