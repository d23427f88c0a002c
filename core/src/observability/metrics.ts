import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

/** The Prometheus metrics named in spec-ops / DESIGN §7, on one registry. */
export class Metrics {
  readonly registry = new Registry();
  readonly requestsTotal = new Counter({
    name: 'mcpist_requests_total',
    help: 'HTTP requests served, by status code.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  /** 5xx responses; spec-ops §1.3 computes the error rate from it. */
  readonly errorsTotal = new Counter({
    name: 'mcpist_errors_total',
    help: 'HTTP responses with a 5xx status, by status code.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'mcpist_request_duration_ms',
    help: 'HTTP request duration in milliseconds.',
    buckets: DURATION_BUCKETS_MS,
    registers: [this.registry],
  });
  readonly toolCallsTotal = new Counter({
    name: 'mcpist_tool_calls_total',
    help: 'Tool calls, by module and tool.',
    labelNames: ['module', 'tool'] as const,
    registers: [this.registry],
  });
  readonly toolDuration = new Histogram({
    name: 'mcpist_tool_duration_ms',
    help: 'Tool call duration in milliseconds, by module and tool.',
    labelNames: ['module', 'tool'] as const,
    buckets: DURATION_BUCKETS_MS,
    registers: [this.registry],
  });
  readonly toolErrorsTotal = new Counter({
    name: 'mcpist_tool_errors_total',
    help: 'Failed tool calls, by module, tool and MCPist error code.',
    labelNames: ['module', 'tool', 'code'] as const,
    registers: [this.registry],
  });
  readonly tokenRefreshTotal = new Counter({
    name: 'mcpist_token_refresh_total',
    help: 'OAuth token refreshes, by service and result.',
    labelNames: ['service', 'result'] as const,
    registers: [this.registry],
  });

  /** Answers of GET /health (Koyeb and the image's HEALTHCHECK poll it every 30 s), by status. */
  readonly healthChecksTotal = new Counter({
    name: 'mcpist_health_checks_total',
    help: 'GET /health answers, by status (ok, degraded, unavailable).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }
}
