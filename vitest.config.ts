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
    // Test files share their worker's module cache: a hub start then costs ~1.4 s of CPU instead of ~2.5 s, and
    // the suite a third of the CPU. Tests keep no module-level state between files (ADR 0021).
    isolate: false,
    // Builds the embedded store template once, and collects the test hubs' start times.
    globalSetup: ['core/src/test-support/global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
