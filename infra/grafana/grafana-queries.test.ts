import { readFileSync } from 'node:fs';
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { saveOAuthApp } from '../../core/src/broker/oauth-apps.js';
import { Tokens } from '../../core/src/container/tokens.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../../core/src/test-support/fake-oauth-provider.js';
import { startTestHub, type TestHub } from '../../core/src/test-support/test-hub.js';
import { type FakeNotion, startFakeNotion } from '../../plugins/notion/test/fake-notion.js';

/**
 * The dashboard and the alert rules query only series that MCPist's /metrics
 * exposes: a real hub serves real calls (a tool call, a tool error, a token
 * refresh that works and one that fails, a 4xx, healthy and failing /health
 * with a 5xx), then every selector of every PromQL expression, parsed with
 * Prometheus' own grammar, must match a scraped series — its name, its label
 * matchers, and the labels its enclosing `by (...)` groups on.
 */

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; runbook_url: string };
}
interface Panel {
  title: string;
  targets: Array<{ expr: string }>;
}

const dashboard = JSON.parse(readFileSync(new URL('dashboards/mcpist.json', import.meta.url), 'utf8')) as {
  panels: Panel[];
};
const rules = (
  parse(readFileSync(new URL('alerts/mcpist-alerts.yaml', import.meta.url), 'utf8')) as {
    groups: Array<{ rules: Rule[] }>;
  }
).groups.flatMap((group) => group.rules);
const queries = [
  ...dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ where: panel.title, expr: target.expr }))),
  ...rules.map((rule) => ({ where: rule.alert, expr: rule.expr })),
];

interface Selector {
  name: string;
  matchers: Array<{ label: string; op: string; value: string }>;
  groupBy: string[];
}

/** The vector selectors of a PromQL expression, with the `by` labels of the aggregations around each. */
function selectorsOf(expr: string): { selectors: Selector[]; errors: string[] } {
  // Grafana's range variable is no PromQL; any duration stands in for it.
  const text = expr.replaceAll('$__range', '1h');
  const tree = parser.parse(text);
  const errors: string[] = [];
  const selectors: Selector[] = [];
  const source = (node: SyntaxNode) => text.slice(node.from, node.to);
  const visit = (node: SyntaxNode, groupBy: string[]) => {
    if (node.type.isError) errors.push(`at ${node.from}: ${source(node) || '(missing)'}`);
    let inner = groupBy;
    if (node.name === 'AggregateExpr') {
      const grouping = node.getChild('AggregateModifier')?.getChild('GroupingLabels');
      inner = [...groupBy, ...(grouping?.getChildren('LabelName').map(source) ?? [])];
    }
    if (node.name === 'VectorSelector') {
      const matchers = (node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []).map((m) => ({
        label: source(m.getChild('LabelName') as SyntaxNode),
        op: source(m.getChild('MatchOp') as SyntaxNode),
        value: JSON.parse(source(m.getChild('StringLiteral') as SyntaxNode)) as string,
      }));
      selectors.push({ name: source(node.getChild('Identifier') as SyntaxNode), matchers, groupBy: inner });
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child, inner);
  };
  visit(tree.topNode, []);
  return { selectors, errors };
}

/** Every sample of a Prometheus text exposition with its labels (histogram buckets included). */
function seriesOf(text: string): Array<{ name: string; labels: Record<string, string> }> {
  // The parser folds a histogram's series into one entry; read as untyped, each
  // `_bucket`/`_sum`/`_count` line keeps its own name and labels.
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
  return parsePrometheusTextFormat(untyped).flatMap((family) =>
    family.metrics.map((metric) => ({ name: family.name, labels: metric.labels ?? {} })),
  );
}

function matches(series: { name: string; labels: Record<string, string> }, selector: Selector): boolean {
  if (series.name !== selector.name) return false;
  const ok = selector.matchers.every(({ label, op, value }) => {
    const actual = series.labels[label] ?? '';
    if (op === '=') return actual === value;
    if (op === '!=') return actual !== value;
    const re = new RegExp(`^(?:${value})$`);
    return op === '=~' ? re.test(actual) : !re.test(actual);
  });
  return ok && selector.groupBy.every((label) => label in series.labels);
}

let notion: FakeNotion;
let provider: FakeOAuthProvider;
let hub: TestHub;
let scraped: Array<{ name: string; labels: Record<string, string> }>;

async function storeNotionCredential(expiresAt: Date) {
  await hub.server.container
    .resolve(Tokens.TokenBroker)
    .setOAuthTokens(
      { userId: hub.userId, roleId: null },
      'notion',
      { accessToken: 'stale', refreshToken: provider.grantRefreshToken(), expiresAt, scopes: undefined, extras: {} },
      {},
    );
}

beforeAll(async () => {
  notion = await startFakeNotion();
  provider = await startFakeOAuthProvider({ clientAuth: 'basic', accessTokens: [notion.token] });
  hub = await startTestHub({ pluginSettings: { notion: { baseUrl: notion.url } } });
  const c = hub.server.container;
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'notion', {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
  const client = await hub.connect();
  const listUsers = () =>
    client.callTool({ name: 'call', arguments: { module: 'notion', tool: 'list_users', params: {} } });

  // An expired token: one refresh that works, then the tool call succeeds.
  await storeNotionCredential(new Date(Date.now() - 3_600_000));
  expect((await listUsers()).isError).not.toBe(true);
  // A revoked grant: the refresh fails and the tool call errs.
  await storeNotionCredential(new Date(Date.now() - 3_600_000));
  provider.revokeAll();
  expect((await listUsers()).isError).toBe(true);
  await client.close();

  expect((await fetch(`${hub.url}/api/users`)).status).toBe(401);
  expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  // The store goes away: /health answers 503, a 5xx.
  await hub.server.container.resolve(Tokens.Database).close();
  expect((await fetch(`${hub.url}/health`)).status).toBe(503);

  const metrics = await fetch(`${hub.url}/metrics`);
  expect(metrics.status).toBe(200);
  scraped = seriesOf(await metrics.text());
});

afterAll(async () => {
  await hub?.close().catch(() => {});
  await provider?.close();
  await notion?.close();
});

describe('infra/grafana', () => {
  it('has the panels of spec-ops §6.3 and the alerts of §6.1', () => {
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const title of ['Requests/min', 'Error Rate', 'P95 Latency', 'Request Timeline (1h)', 'Tool Calls by Module'])
      expect(titles).toContain(title);
    expect(rules.map((rule) => [rule.alert, rule.labels.severity, rule.for ?? '0'])).toEqual([
      ['MCPist5xxErrors', 'critical', '0'],
      ['MCPistHealthCheckFailing', 'critical', '90s'],
      ['MCPistTokenRefreshFailed', 'critical', '0'],
      ['MCPistSlowResponses', 'warning', '5m'],
      ['MCPistHigh4xxRate', 'warning', '5m'],
    ]);
  });

  it('links every alert to a runbook that exists in docs/runbooks/', () => {
    for (const rule of rules) {
      const path = /\/blob\/main\/(docs\/runbooks\/[\w-]+\.md)$/.exec(rule.annotations.runbook_url)?.[1];
      expect(path, rule.alert).toBeDefined();
      expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toContain(rule.alert);
    }
  });

  it.each(queries)('$where: every selector of `$expr` matches a series /metrics exposes', ({ expr }) => {
    const { selectors, errors } = selectorsOf(expr);
    expect(errors).toEqual([]);
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) {
      const found = scraped.some((series) => matches(series, selector));
      expect(found, `${selector.name} ${JSON.stringify(selector.matchers)} by ${selector.groupBy}`).toBe(true);
    }
  });

  it('would notice a series /metrics does not expose', () => {
    const { selectors } = selectorsOf('sum by (module) (rate(mcpist_tool_calls_total{module="nope"}[5m]))');
    expect(selectors.some((selector) => scraped.some((series) => matches(series, selector)))).toBe(false);
    const [unknown] = selectorsOf('rate(mcpist_tool_call_total[5m])').selectors;
    expect(scraped.some((series) => unknown !== undefined && matches(series, unknown))).toBe(false);
  });
});
