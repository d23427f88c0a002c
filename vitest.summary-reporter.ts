import { existsSync, readFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Set by core/src/test-support/global-setup.ts; test hubs append their start times (ms) to it. */
const HUB_STARTS_ENV = 'MCPIST_TEST_HUB_STARTS_FILE';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Prints plain closing lines any CI log reader understands, after vitest's
 * own summary: `Tests: N passed, N failed, N skipped`, and the median start
 * time of the test hubs, which tells whether in-memory stores load the
 * template (a slow start is spread over every hub test and easy to miss).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    const file = process.env[HUB_STARTS_ENV];
    const starts = file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    if (starts.length > 0) {
      const wall = starts.map((line) => Number(line.split(' ')[0]));
      const cpu = starts.map((line) => Number(line.split(' ')[1]));
      process.stdout.write(
        `Hub starts: median ${Math.round(median(wall))} ms (CPU ${Math.round(median(cpu))} ms) over ${starts.length}, max ${Math.max(...wall)} ms\n`,
      );
    }
  }
}
