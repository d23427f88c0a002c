import { type Attributes, type HrTime, ValueType } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  DataPointType,
  type Histogram,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import type { MetricObjectWithValues, MetricValue, MetricValueWithName, Registry } from 'prom-client';

/** The OpenTelemetry instrumentation scope of the bridged series. */
export const PROM_BRIDGE_SCOPE = { name: 'mcpist' } as const;

type PromFamily = MetricObjectWithValues<MetricValue<string> | MetricValueWithName<string>>;

const toHrTime = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
/** A series' identity: its labels without `le`, in a stable order. */
const seriesKey = (labels: Record<string, unknown>) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([key]) => key !== 'le')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
const attributesOf = (labels: Record<string, unknown>): Attributes =>
  Object.fromEntries(
    Object.entries(labels)
      .filter(([key]) => key !== 'le')
      .map(([k, v]) => [k, String(v)]),
  );

/**
 * Hands the series of a prom-client registry to an OpenTelemetry metric
 * reader (a `MetricProducer`), so the OTLP push carries exactly what
 * `/metrics` shows — same names, labels as attributes, cumulative since
 * `startedAt` — with no second set of instruments to keep in step at every
 * call site. Counters become monotonic sums, histograms histograms with the
 * same bucket bounds, gauges gauges. Only families whose name matches
 * `include` are bridged (the `mcpist_*` ones: the process and Node.js
 * defaults would spend a free tier's series budget on nothing the dashboard
 * reads).
 */
export class PromRegistryProducer implements MetricProducer {
  constructor(
    private readonly registry: Registry,
    private readonly startedAt: number,
    private readonly include: RegExp = /^mcpist_/,
  ) {}

  async collect(): Promise<CollectionResult> {
    const now = toHrTime(Date.now());
    const start = toHrTime(this.startedAt);
    const families = (await this.registry.getMetricsAsJSON()) as PromFamily[];
    const metrics: MetricData[] = [];
    for (const family of families) {
      if (!this.include.test(family.name)) continue;
      const descriptor = { name: family.name, description: family.help, unit: '', valueType: ValueType.DOUBLE };
      const point = <T>(labels: Record<string, unknown>, value: T): DataPoint<T> => ({
        startTime: start,
        endTime: now,
        attributes: attributesOf(labels),
        value,
      });
      // prom-client's typings say a numeric enum; at run time `type` is the exposition's word ('counter', …).
      const type = family.type as unknown as string;
      if (type === 'counter') {
        metrics.push({
          descriptor,
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.SUM,
          isMonotonic: true,
          dataPoints: family.values.map((v) => point(v.labels, v.value)),
        });
      } else if (type === 'gauge') {
        metrics.push({
          descriptor,
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.GAUGE,
          dataPoints: family.values.map((v) => point(v.labels, v.value)),
        });
      } else if (type === 'histogram') {
        metrics.push({
          descriptor,
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints: histogramPoints(family, point),
        });
      }
    }
    // The reader merges this scope into the meter provider's resource metrics and keeps the provider's resource.
    return {
      resourceMetrics: { resource: emptyResource(), scopeMetrics: [{ scope: PROM_BRIDGE_SCOPE, metrics }] },
      errors: [],
    };
  }
}

/** prom-client's cumulative `_bucket` counts per series become OTLP's per-bucket counts. */
function histogramPoints(
  family: PromFamily,
  point: (labels: Record<string, unknown>, value: Histogram) => DataPoint<Histogram>,
): DataPoint<Histogram>[] {
  const series = new Map<
    string,
    { labels: Record<string, unknown>; buckets: [number, number][]; sum: number; count: number }
  >();
  for (const value of family.values) {
    const key = seriesKey(value.labels);
    let entry = series.get(key);
    if (!entry) {
      entry = { labels: value.labels, buckets: [], sum: 0, count: 0 };
      series.set(key, entry);
    }
    const name = 'metricName' in value ? value.metricName : undefined;
    if (name?.endsWith('_bucket')) {
      const le = value.labels.le;
      entry.buckets.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), value.value]);
    } else if (name?.endsWith('_sum')) entry.sum = value.value;
    else if (name?.endsWith('_count')) entry.count = value.value;
  }
  return [...series.values()].map(({ labels, buckets, sum, count }) => {
    buckets.sort(([a], [b]) => a - b);
    const boundaries = buckets.map(([le]) => le).filter((le) => Number.isFinite(le));
    const cumulative = buckets.map(([, n]) => n);
    const counts = cumulative.map((n, i) => n - (i > 0 ? (cumulative[i - 1] ?? 0) : 0));
    return point(labels, { buckets: { boundaries, counts }, sum, count });
  });
}
