import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * OTLP metrics (spec-inf §5.2) against a local OTLP/HTTP receiver: a hub with
 * `otlpEndpoint` serves real requests, pushes, and the receiver decodes the
 * ExportMetricsServiceRequest (OTLP's JSON encoding). What arrives must be
 * what `/metrics` shows.
 */

interface OtlpNumberPoint {
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
  asDouble?: number;
  asInt?: string | number;
}
interface OtlpHistogramPoint {
  attributes?: OtlpNumberPoint['attributes'];
  count: string | number;
  sum?: number;
  bucketCounts: Array<string | number>;
  explicitBounds: number[];
}
interface OtlpMetric {
  name: string;
  sum?: { dataPoints: OtlpNumberPoint[]; isMonotonic?: boolean; aggregationTemporality?: number };
  histogram?: { dataPoints: OtlpHistogramPoint[] };
  gauge?: { dataPoints: OtlpNumberPoint[] };
}
interface ExportMetricsServiceRequest {
  resourceMetrics: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeMetrics: Array<{ scope: { name: string }; metrics: OtlpMetric[] }>;
  }>;
}

let receiver: Server;
const received: Array<{ path: string; headers: IncomingHttpHeaders; body: ExportMetricsServiceRequest }> = [];
let hub: TestHub;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The exporter reads its headers from the standard variable when it is built (at hub start).
  const saved = process.env.OTEL_EXPORTER_OTLP_HEADERS;
  process.env.OTEL_EXPORTER_OTLP_HEADERS = 'Authorization=Basic dGVzdDp0ZXN0';
  try {
    // A push interval far beyond the test: only forceFlush pushes.
    hub = await startTestHub({
      otlpEndpoint: endpoint,
      otlpServiceName: 'mcpist-test',
      otlpMetricsIntervalMs: 3_600_000,
    });
  } finally {
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    else process.env.OTEL_EXPORTER_OTLP_HEADERS = saved;
  }
});

afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const numberOf = (point: OtlpNumberPoint) => Number(point.asDouble ?? point.asInt ?? 0);
const attrs = (point: { attributes?: OtlpNumberPoint['attributes'] }) =>
  Object.fromEntries((point.attributes ?? []).map((a) => [a.key, a.value.stringValue]));

describe('OTLP metrics', () => {
  it('pushes the mcpist_* series with the values /metrics shows', async () => {
    const client = await hub.connect();
    await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    await client.close();
    for (let i = 0; i < 3; i++) expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/users`)).status).toBe(401);

    const otlp = hub.server.container.resolve(Tokens.OtlpMetrics);
    expect(otlp.enabled).toBe(true);
    received.length = 0;
    await otlp.forceFlush();

    expect(received.map((r) => r.path)).toEqual(['/v1/metrics']);
    const [push] = received;
    expect(push?.headers.authorization).toBe('Basic dGVzdDp0ZXN0');
    expect(push?.headers['content-type']).toContain('application/json');
    const resource = push?.body.resourceMetrics[0];
    expect(
      Object.fromEntries(resource?.resource.attributes.map((a) => [a.key, a.value.stringValue]) ?? []),
    ).toMatchObject({ 'service.name': 'mcpist-test' });
    const metrics = new Map(resource?.scopeMetrics.flatMap((scope) => scope.metrics).map((m) => [m.name, m]) ?? []);
    // Only MCPist's own series: no process or Node.js defaults.
    expect([...metrics.keys()].every((name) => name.startsWith('mcpist_'))).toBe(true);

    const health = metrics.get('mcpist_health_checks_total')?.sum;
    expect(health?.isMonotonic).toBe(true);
    expect(health?.dataPoints.map((p) => [attrs(p), numberOf(p)])).toEqual([[{ status: 'ok' }, 3]]);

    const registry = hub.server.container.resolve(Tokens.Metrics);
    const requests = await registry.requestsTotal.get();
    const pushed = metrics.get('mcpist_requests_total')?.sum?.dataPoints ?? [];
    for (const { labels, value } of requests.values) {
      const point = pushed.find((p) => attrs(p).status === labels.status);
      expect(point && numberOf(point), String(labels.status)).toBe(value);
    }
    expect(pushed.some((p) => attrs(p).status === '401')).toBe(true);

    const duration = metrics.get('mcpist_request_duration_ms')?.histogram?.dataPoints[0];
    expect(duration?.explicitBounds).toEqual([5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000]);
    expect(duration?.bucketCounts.length).toBe(13);
    const bucketTotal = duration?.bucketCounts.reduce<number>((sum, n) => sum + Number(n), 0);
    expect(bucketTotal).toBe(Number(duration?.count));
    const promCount = (await registry.requestDuration.get()).values.find((v) => v.metricName?.endsWith('_count'));
    expect(Number(duration?.count)).toBe(promCount?.value);
  });

  it('keeps serving when the collector refuses a push, and the next push carries the cumulative values', async () => {
    const registry = hub.server.container.resolve(Tokens.Metrics);
    const otlp = hub.server.container.resolve(Tokens.OtlpMetrics);
    let refuse = true;
    received.length = 0;
    receiver.removeAllListeners('request');
    receiver.on('request', (req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        if (refuse) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
        received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await otlp.forceFlush();
    expect(received).toEqual([]);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);

    refuse = false;
    await otlp.forceFlush();
    const metrics = received[0]?.body.resourceMetrics[0]?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
    const health = metrics.find((m) => m.name === 'mcpist_health_checks_total')?.sum?.dataPoints[0];
    const expected = (await registry.healthChecksTotal.get()).values.find((v) => v.labels.status === 'ok')?.value;
    expect(expected).toBe(4);
    expect(health && numberOf(health)).toBe(expected);
  });
});
