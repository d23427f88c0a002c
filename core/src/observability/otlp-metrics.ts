import type { Registry } from 'prom-client';
import type { Logger } from 'winston';

export interface OtlpMetricsOptions {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); metrics go to `<endpoint>/v1/metrics`. Unset: no push. */
  endpoint?: string | undefined;
  serviceName?: string | undefined;
  version: string;
  /** The registry `/metrics` serves; its `mcpist_*` series are what gets pushed. */
  registry: Registry;
  /** How often to push (`OTEL_METRIC_EXPORT_INTERVAL`, ms). */
  intervalMs: number;
  logger?: Logger;
}

/** The OTLP metrics push of one hub (spec-inf §5.2), next to the `/metrics` pull. */
export interface OtlpMetrics {
  readonly enabled: boolean;
  /**
   * Pushes the current values now. A push the collector refuses is reported
   * through OpenTelemetry's diagnostics, not thrown; values are cumulative, so
   * the next push carries everything.
   */
  forceFlush(): Promise<void>;
  /** Pushes a last time and stops; never rejects. */
  shutdown(): Promise<void>;
}

/**
 * Starts pushing metrics over OTLP/HTTP (JSON) when an endpoint is set: an
 * OpenTelemetry meter provider whose periodic reader collects the prom-client
 * registry through {@link PromRegistryProducer}, so both paths report the
 * same series. Without an endpoint nothing is loaded. Headers (Grafana
 * Cloud's `Authorization`), timeout and compression come from the standard
 * `OTEL_EXPORTER_OTLP_*` variables, which the exporter reads itself.
 */
export async function startOtlpMetrics(options: OtlpMetricsOptions): Promise<OtlpMetrics> {
  if (!options.endpoint) return { enabled: false, forceFlush: async () => {}, shutdown: async () => {} };
  const startedAt = Date.now();
  const [
    { MeterProvider, PeriodicExportingMetricReader },
    { OTLPMetricExporter },
    resources,
    { PromRegistryProducer },
  ] = await Promise.all([
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
    import('@opentelemetry/resources'),
    import('./prom-registry-producer.js'),
  ]);
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/metrics` }),
    exportIntervalMillis: options.intervalMs,
    exportTimeoutMillis: Math.min(30_000, options.intervalMs),
    metricProducers: [new PromRegistryProducer(options.registry, startedAt)],
  });
  const provider = new MeterProvider({
    resource: resources.defaultResource().merge(
      resources.resourceFromAttributes({
        'service.name': options.serviceName ?? 'mcpist',
        'service.version': options.version,
      }),
    ),
    readers: [reader],
  });
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      stopped ??= provider.shutdown().catch((error: unknown) => {
        options.logger?.warn('could not push the last metrics', { error: (error as Error).message });
      });
      return stopped;
    },
  };
}
