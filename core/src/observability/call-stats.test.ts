import { describe, expect, it } from 'vitest';
import { CallStats } from './call-stats.js';
import { Metrics } from './metrics.js';

const MINUTE = 60_000;

function record(metrics: Metrics, module: string, durationMs: number, ok = true) {
  const labels = { module, tool: 'list' };
  metrics.toolCallsTotal.inc(labels);
  metrics.toolDuration.observe(labels, durationMs);
  if (!ok) metrics.toolErrorsTotal.inc({ ...labels, code: '3001' });
}

describe('CallStats', () => {
  it('turns the tool counters into per-minute calls, errors, P95 and calls by module', async () => {
    let now = Date.parse('2026-12-02T10:00:30Z');
    const metrics = new Metrics({ processMetrics: false });
    const stats = new CallStats(metrics, () => now);
    record(metrics, 'github', 5); // before the baseline: not counted
    await stats.sample();

    for (let i = 0; i < 19; i++) record(metrics, 'github', 20);
    record(metrics, 'notion', 400, false);
    now += MINUTE;
    await stats.sample();
    for (let i = 0; i < 3; i++) record(metrics, 'notion', 3000, false);
    now += MINUTE;
    await stats.sample();

    const hour = stats.summary('hour');
    expect(hour.minutes).toEqual([
      { t: '2026-12-02T10:01:00.000Z', calls: 20, errors: 1, error_rate: 0.05, p95_ms: 25 },
      { t: '2026-12-02T10:02:00.000Z', calls: 3, errors: 3, error_rate: 1, p95_ms: 5000 },
    ]);
    expect(hour.by_module).toEqual([
      { module: 'github', calls: 19 },
      { module: 'notion', calls: 4 },
    ]);
    expect(hour.totals).toEqual({ calls: 23, errors: 4, error_rate: 4 / 23, p95_ms: 5000 });
  });

  it('keeps a minute out of the hour once it is older, and in the day', async () => {
    let now = Date.parse('2026-12-02T10:00:00Z');
    const metrics = new Metrics({ processMetrics: false });
    const stats = new CallStats(metrics, () => now);
    await stats.sample();
    record(metrics, 'jira', 50);
    now += MINUTE;
    await stats.sample();
    now += 2 * 60 * MINUTE;
    await stats.sample();
    expect(stats.summary('hour').totals.calls).toBe(0);
    expect(stats.summary('hour').totals.p95_ms).toBeNull();
    expect(stats.summary('day').totals.calls).toBe(1);
  });
});
