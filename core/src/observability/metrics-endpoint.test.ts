import { McpError } from '@modelcontextprotocol/sdk/types.js';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { closeGitHubHub, startGitHubHub } from '../test-support/github-hub.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** The three PromQL expressions of spec-ops §1.3, verbatim. */
const SPEC_OPS_PROMQL = [
  '(sum(rate(mcpist_requests_total{status!~"5.."}[24h])) / sum(rate(mcpist_requests_total[24h]))) * 100',
  '(sum(rate(mcpist_errors_total[1h])) / sum(rate(mcpist_requests_total[1h]))) * 100',
  'histogram_quantile(0.95, sum(rate(mcpist_request_duration_ms_bucket[5m])) by (le))',
];

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Scrape {
  text: string;
  families: Map<string, PrometheusFamily>;
  /** Every sample line, histogram series included with their own labels. */
  samples: Sample[];
}

function parseExposition(text: string): Scrape {
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  // The parser folds a histogram's series into one unlabelled entry; read as
  // untyped, each `_bucket`/`_sum`/`_count` line keeps its labels.
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
  const samples = parsePrometheusTextFormat(untyped).flatMap((family) =>
    family.metrics.map((metric) => ({ name: family.name, labels: metric.labels ?? {}, value: Number(metric.value) })),
  );
  return { text, families, samples };
}

async function scrape(hub: TestHub, token?: string): Promise<Scrape> {
  const response = await fetch(`${hub.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

/** Sum of the samples named `name` whose labels include `labels`, like PromQL's `sum(name{…})`. */
function total(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return scraped.samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

const seriesOf = (scraped: Scrape, name: string) => scraped.samples.filter((sample) => sample.name === name);

let github: FakeGitHub;
let hub: TestHub;

beforeAll(async () => {
  ({ github, hub } = await startGitHubHub());
});

afterAll(() => closeGitHubHub({ github, hub }));

describe('/metrics', () => {
  const repo = { owner: 'octo-org', repo: 'hello-world' };
  const SUCCESSES = 3;
  const FAILURES = 2;

  let scraped: Scrape;

  beforeAll(async () => {
    const client = await hub.connect();
    for (let i = 0; i < SUCCESSES; i++) {
      const result = await client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'list_issues', params: repo },
      });
      expect(result.isError).toBeFalsy();
    }
    for (let i = 0; i < FAILURES; i++) {
      // The fake answers 404 for an issue it does not hold: an upstream error, 3001.
      const result = await client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'get_issue', params: { ...repo, issue_number: 999 } },
      });
      expect(result.structuredContent).toMatchObject({ error: { code: ErrorCodes.EXTERNAL_API_ERROR } });
    }
    const refused = await client
      .callTool({ name: 'call', arguments: { module: 'github', tool: 'drop_table', params: {} } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(McpError);
    scraped = await scrape(hub);
  });

  it('parses as Prometheus text, with the documented type of every MCPist metric', () => {
    const types = Object.fromEntries(
      [...scraped.families.values()].filter((f) => f.name.startsWith('mcpist_')).map((f) => [f.name, f.type]),
    );
    expect(types).toEqual({
      mcpist_requests_total: 'COUNTER',
      mcpist_errors_total: 'COUNTER',
      mcpist_request_duration_ms: 'HISTOGRAM',
      mcpist_tool_calls_total: 'COUNTER',
      mcpist_tool_duration_ms: 'HISTOGRAM',
      mcpist_tool_errors_total: 'COUNTER',
      mcpist_token_refresh_total: 'COUNTER',
      mcpist_health_checks_total: 'COUNTER',
    });
    for (const family of scraped.families.values()) {
      if (family.name.startsWith('mcpist_')) expect(family.help).not.toBe('');
    }
  });

  it('counts the tool calls and failures the test made, by module, tool and code', () => {
    expect(total(scraped, 'mcpist_tool_calls_total', { module: 'github', tool: 'list_issues' })).toBe(SUCCESSES);
    expect(total(scraped, 'mcpist_tool_calls_total', { module: 'github', tool: 'get_issue' })).toBe(FAILURES);
    expect(total(scraped, 'mcpist_tool_errors_total', { module: 'github', tool: 'get_issue', code: '3001' })).toBe(
      FAILURES,
    );
    expect(total(scraped, 'mcpist_tool_errors_total', { tool: 'list_issues' })).toBe(0);
    // A call refused before running (unknown tool: a JSON-RPC error) is no tool call.
    expect(scraped.samples.filter((sample) => sample.labels.tool === 'drop_table')).toEqual([]);
    expect(total(scraped, 'mcpist_tool_calls_total')).toBe(SUCCESSES + FAILURES);
  });

  it('keeps a duration histogram per module and tool', () => {
    const labels = { module: 'github', tool: 'list_issues' };
    const buckets = seriesOf(scraped, 'mcpist_tool_duration_ms_bucket').filter(
      (sample) => sample.labels.module === 'github' && sample.labels.tool === 'list_issues',
    );
    expect(buckets.length).toBeGreaterThan(1);
    expect(buckets.find((sample) => sample.labels.le === '+Inf')?.value).toBe(SUCCESSES);
    expect(total(scraped, 'mcpist_tool_duration_ms_count', labels)).toBe(SUCCESSES);
    expect(total(scraped, 'mcpist_tool_duration_ms_sum', labels)).toBeGreaterThan(0);
  });

  it('counts HTTP requests by status, exactly, with a matching duration histogram', async () => {
    const before = await scrape(hub);
    for (let i = 0; i < 4; i++) expect((await fetch(`${hub.url}/api/version`)).status).toBe(200);
    expect((await fetch(`${hub.url}/no-such-route`)).status).toBe(404);
    const after = await scrape(hub);
    // The first scrape finished after it rendered, so it shows in the second.
    expect(
      total(after, 'mcpist_requests_total', { status: '200' }) -
        total(before, 'mcpist_requests_total', { status: '200' }),
    ).toBe(5);
    expect(
      total(after, 'mcpist_requests_total', { status: '404' }) -
        total(before, 'mcpist_requests_total', { status: '404' }),
    ).toBe(1);
    // The MCP traffic of the calls above: initialize, initialized, 6 tool calls at least.
    expect(total(before, 'mcpist_requests_total', { status: '200' })).toBeGreaterThanOrEqual(SUCCESSES + FAILURES + 1);
    for (const sample of seriesOf(after, 'mcpist_requests_total')) expect(sample.labels.status).toMatch(/^\d{3}$/);
    const buckets = seriesOf(after, 'mcpist_request_duration_ms_bucket');
    expect(buckets.map((sample) => sample.labels.le)).toContain('+Inf');
    const counts = buckets.map((sample) => sample.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(total(after, 'mcpist_request_duration_ms_count')).toBe(total(after, 'mcpist_requests_total'));
  });

  it('declares the token refresh counter and exposes the process metrics', () => {
    expect(scraped.families.get('mcpist_token_refresh_total')).toMatchObject({ type: 'COUNTER' });
    expect(scraped.text).toMatch(/^# TYPE mcpist_token_refresh_total counter$/m);
    expect(scraped.families.has('process_cpu_user_seconds_total')).toBe(true);
    expect(scraped.families.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('has every series the spec-ops §1.3 PromQL reads, with the labels it selects on', () => {
    const names = new Set(SPEC_OPS_PROMQL.flatMap((query) => query.match(/\bmcpist_[a-z_]+/g) ?? []));
    expect([...names].sort()).toEqual([
      'mcpist_errors_total',
      'mcpist_request_duration_ms_bucket',
      'mcpist_requests_total',
    ]);
    const declared = (name: string) =>
      scraped.families.has(name) ||
      scraped.families.has(name.replace(/_bucket$/, '')) ||
      seriesOf(scraped, name).length > 0;
    for (const name of names) expect(declared(name), name).toBe(true);
    // `status!~"5.."` needs a status label; `by (le)` needs the le label.
    expect(seriesOf(scraped, 'mcpist_requests_total').every((sample) => 'status' in sample.labels)).toBe(true);
    expect(seriesOf(scraped, 'mcpist_request_duration_ms_bucket').every((sample) => 'le' in sample.labels)).toBe(true);
    // Availability over what the test did: no 5xx, so 100 %.
    const all = total(scraped, 'mcpist_requests_total');
    const ok = seriesOf(scraped, 'mcpist_requests_total')
      .filter((sample) => !/^5..$/.test(sample.labels.status ?? ''))
      .reduce((sum, sample) => sum + sample.value, 0);
    expect((ok / all) * 100).toBe(100);
  });
});

describe('/metrics with a metrics token', () => {
  const METRICS_TOKEN = 'scrape-0123456789abcdef0123';
  let secured: TestHub;

  beforeAll(async () => {
    secured = await startTestHub({ metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => {
    await secured?.close();
  });

  it.each([
    ['no Authorization header', undefined, false],
    ['a wrong token', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`, true],
    ['a prefix of the token', `Bearer ${METRICS_TOKEN.slice(0, 8)}`, true],
    ['the token under another scheme', `Basic ${METRICS_TOKEN}`, false],
    ["the hub's API token", 'Bearer mcpist_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', true],
  ])('answers %s with 401 and WWW-Authenticate: Bearer', async (_name, authorization, invalid) => {
    const response = await fetch(`${secured.url}/metrics`, authorization ? { headers: { authorization } } : {});
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="mcpist-metrics"/);
    expect(challenge.includes('error="invalid_token"')).toBe(invalid);
    const body = await response.text();
    expect(body).not.toContain('mcpist_requests_total');
    expect(body).not.toContain(METRICS_TOKEN);
  });

  it('serves the metrics for the right token, and leaves /health open', async () => {
    const scraped = await scrape(secured, METRICS_TOKEN);
    expect(scraped.families.has('mcpist_requests_total')).toBe(true);
    // The refused scrapes above were counted like any request.
    expect(total(scraped, 'mcpist_requests_total', { status: '401' })).toBeGreaterThanOrEqual(5);
    expect((await fetch(`${secured.url}/health`)).status).toBe(200);
  });
});
