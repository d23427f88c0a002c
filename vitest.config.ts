import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests.
    conditions: ['@mcpist/source'],
  },
  test: {
    include: [
      'core/src/**/*.test.ts',
      'plugins/*/src/**/*.test.ts',
      'plugins/*/test/**/*.test.ts',
      'admin/lib/**/*.test.ts',
      // Deployment and operations: the bundle, infra files and ops scripts.
      'scripts/**/*.test.ts',
      'infra/**/*.test.ts',
      'supabase/**/*.test.ts',
    ],
    testTimeout: 20_000,
    // expect.poll waits on a browser or a server under load: a second (the default) is too short on a busy machine.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    pool: 'forks',
    // GitHub's workflow parser imports its schema JSON without an import attribute, which Node refuses:
    // let vite load it (infra/github-workflows.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    // Test files share their worker's module cache: a hub start then costs ~1.4 s of CPU instead of ~2.5 s, and
    // the suite a third of the CPU. Tests keep no module-level state between files (ADR 0021).
    isolate: false,
    // One worker per core (vitest's default leaves one core idle): much of a file's time is waiting on sockets
    // and child processes. On 2 cores the suite took 223 s with 1 worker, 142 s with 2 (ADR 0021).
    maxWorkers: availableParallelism(),
    // Builds the embedded store template once, and collects the test hubs' start times.
    globalSetup: ['core/src/test-support/global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
