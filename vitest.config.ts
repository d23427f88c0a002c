import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests.
    conditions: ['@mcpist/source'],
  },
  test: {
    include: ['core/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds the embedded store template once, and collects the test hubs' start times.
    globalSetup: ['core/src/test-support/global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
