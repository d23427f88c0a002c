import type { Metrics } from './metrics.js';

const MINUTE_MS = 60_000;
const KEEP_MINUTES = 24 * 60;

/** One minute of tool calls: how many, how many failed, by module, and their durations per histogram bucket. */
export interface MinuteSample {
  /** Start of the minute, ms since the epoch. */
  t: number;
  calls: number;
  errors: number;
  byModule: Record<string, number>;
  /** Calls per duration bucket (not cumulative), in the order of `bounds` plus one for +Inf. */
  buckets: number[];
}

export interface CallStatsSummary {
  window: 'hour' | 'day';
  /** Histogram upper bounds (ms) the P95 figures are read from; a P95 is the bound its call falls under. */
  bucket_bounds_ms: number[];
  minutes: Array<{ t: string; calls: number; errors: number; error_rate: number | null; p95_ms: number | null }>;
  by_module: Array<{ module: string; calls: number }>;
  totals: { calls: number; errors: number; error_rate: number | null; p95_ms: number | null };
}

interface Reading {
  byModule: Map<string, number>;
  errors: number;
  /** Cumulative counts per `le`, in bound order, +Inf last. */
  cumulative: number[];
}

/**
 * The admin dashboard's figures, computed by the core from its own
 * Prometheus counters: once a minute it reads `mcpist_tool_calls_total`,
 * `mcpist_tool_errors_total` and the `mcpist_tool_duration_ms` buckets and
 * keeps the differences for the last 24 hours, in memory, per instance.
 */
export class CallStats {
  private last: Reading | undefined;
  private readonly samples: MinuteSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private bounds: number[] = [];

  constructor(
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  /** Samples every minute until `close` (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), MINUTE_MS);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the counters and records what changed since the previous reading as the current minute. */
  async sample(): Promise<void> {
    const reading = await this.read();
    const previous = this.last;
    this.last = reading;
    if (!previous) return;
    const byModule: Record<string, number> = {};
    let calls = 0;
    for (const [module, value] of reading.byModule) {
      const delta = value - (previous.byModule.get(module) ?? 0);
      if (delta > 0) byModule[module] = delta;
      calls += Math.max(0, delta);
    }
    const cumulative = reading.cumulative.map((value, i) => value - (previous.cumulative[i] ?? 0));
    const buckets = cumulative.map((value, i) => value - (i === 0 ? 0 : (cumulative[i - 1] ?? 0)));
    const t = Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
    const sample = { t, calls, errors: Math.max(0, reading.errors - previous.errors), byModule, buckets };
    const same = this.samples.at(-1);
    if (same?.t === t) this.samples[this.samples.length - 1] = merge(same, sample);
    else this.samples.push(sample);
    while (this.samples.length > KEEP_MINUTES) this.samples.shift();
  }

  summary(window: 'hour' | 'day'): CallStatsSummary {
    const since = this.now() - (window === 'hour' ? 60 : KEEP_MINUTES) * MINUTE_MS;
    const kept = this.samples.filter((sample) => sample.t >= since);
    const byModule = new Map<string, number>();
    for (const sample of kept) {
      for (const [module, calls] of Object.entries(sample.byModule)) {
        byModule.set(module, (byModule.get(module) ?? 0) + calls);
      }
    }
    const total = kept.reduce((sum, sample) => merge(sum, sample), empty(this.bounds.length + 1));
    return {
      window,
      bucket_bounds_ms: this.bounds,
      minutes: kept.map((sample) => ({
        t: new Date(sample.t).toISOString(),
        calls: sample.calls,
        errors: sample.errors,
        error_rate: sample.calls > 0 ? sample.errors / sample.calls : null,
        p95_ms: this.p95(sample.buckets),
      })),
      by_module: [...byModule]
        .map(([module, calls]) => ({ module, calls }))
        .sort((a, b) => b.calls - a.calls || a.module.localeCompare(b.module)),
      totals: {
        calls: total.calls,
        errors: total.errors,
        error_rate: total.calls > 0 ? total.errors / total.calls : null,
        p95_ms: this.p95(total.buckets),
      },
    };
  }

  /** The upper bound of the bucket holding the 95th percentile call; the last bound for calls beyond it. */
  private p95(buckets: number[]): number | null {
    const count = buckets.reduce((sum, n) => sum + n, 0);
    if (count === 0) return null;
    let seen = 0;
    for (const [i, n] of buckets.entries()) {
      seen += n;
      if (seen >= 0.95 * count) return this.bounds[i] ?? this.bounds.at(-1) ?? null;
    }
    return this.bounds.at(-1) ?? null;
  }

  private async read(): Promise<Reading> {
    const byModule = new Map<string, number>();
    for (const { labels, value } of (await this.metrics.toolCallsTotal.get()).values) {
      const module = String(labels.module);
      byModule.set(module, (byModule.get(module) ?? 0) + value);
    }
    const errors = (await this.metrics.toolErrorsTotal.get()).values.reduce((sum, { value }) => sum + value, 0);
    const perBound = new Map<number, number>();
    for (const { labels, value, metricName } of (await this.metrics.toolDuration.get()).values) {
      if (!metricName?.endsWith('_bucket')) continue;
      const bound = (labels as Record<string, string | number | undefined>).le;
      const le = bound === '+Inf' ? Number.POSITIVE_INFINITY : Number(bound);
      perBound.set(le, (perBound.get(le) ?? 0) + value);
    }
    const ordered = [...perBound].sort((a, b) => a[0] - b[0]);
    if (ordered.length > 0) this.bounds = ordered.map(([le]) => le).filter(Number.isFinite);
    const cumulative =
      ordered.length > 0 ? ordered.map(([, value]) => value) : new Array(this.bounds.length + 1).fill(0);
    return { byModule, errors, cumulative };
  }
}

const empty = (size: number): MinuteSample => ({
  t: 0,
  calls: 0,
  errors: 0,
  byModule: {},
  buckets: new Array(size).fill(0),
});

function merge(a: MinuteSample, b: MinuteSample): MinuteSample {
  const byModule = { ...a.byModule };
  for (const [module, calls] of Object.entries(b.byModule)) byModule[module] = (byModule[module] ?? 0) + calls;
  const size = Math.max(a.buckets.length, b.buckets.length);
  return {
    t: a.t,
    calls: a.calls + b.calls,
    errors: a.errors + b.errors,
    byModule,
    buckets: Array.from({ length: size }, (_, i) => (a.buckets[i] ?? 0) + (b.buckets[i] ?? 0)),
  };
}
