import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** A span as the OTLP/JSON body carries it, flattened with its resource's attributes. */
interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  status: { code?: number };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface OtlpKeyValue {
  key: string;
  value: Record<string, unknown>;
}

/** OTLP/JSON AnyValue: one of stringValue, intValue (a number or a decimal string), boolValue, doubleValue. */
function anyValue(value: Record<string, unknown>): unknown {
  if ('intValue' in value) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, anyValue(value)]));
}

/** A fake OpenTelemetry collector: `POST /v1/traces` with OTLP/JSON, on 127.0.0.1:0. */
async function startCollector() {
  const spans: CollectedSpan[] = [];
  const bodies: string[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !req.headers['content-type']?.includes('json')) {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(text);
      const body = JSON.parse(text) as {
        resourceSpans?: Array<{
          resource?: { attributes?: OtlpKeyValue[] };
          scopeSpans?: Array<{
            spans?: Array<Omit<CollectedSpan, 'attributes' | 'resource'> & { attributes?: OtlpKeyValue[] }>;
          }>;
        }>;
      };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const resource = attributesOf(resourceSpans.resource?.attributes);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              ...span,
              parentSpanId: span.parentSpanId ?? '',
              attributes: attributesOf(span.attributes),
              resource,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    bodies,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Collector = Awaited<ReturnType<typeof startCollector>>;

const PARAMS = { owner: 'octo-org', repo: 'hello-world' };

/** Flushes the hub's exporter until the trace holding `toolSpan` is complete (mcp.request ends last). */
async function traceOf(hub: TestHub, collector: Collector, toolSpan: string): Promise<CollectedSpan[]> {
  const tracing = hub.server.container.resolve(Tokens.Tracing);
  let trace: CollectedSpan[] = [];
  await vi.waitFor(
    async () => {
      await tracing.forceFlush();
      const tool = collector.spans.filter((span) => span.name === toolSpan).at(-1);
      trace = collector.spans.filter((span) => span.traceId === tool?.traceId);
      expect(trace.map((span) => span.name)).toContain('mcp.request');
    },
    { timeout: 5_000, interval: 50 },
  );
  return trace;
}

/** Whether `span` descends from `ancestor`, following parentSpanId within the trace. */
function descendsFrom(trace: CollectedSpan[], span: CollectedSpan, ancestor: CollectedSpan): boolean {
  for (let parent = span.parentSpanId; parent; ) {
    if (parent === ancestor.spanId) return true;
    parent = trace.find((candidate) => candidate.spanId === parent)?.parentSpanId ?? '';
  }
  return false;
}

function only(trace: CollectedSpan[], name: string): CollectedSpan {
  const found = trace.filter((span) => span.name === name);
  expect(found.map((span) => span.name)).toEqual([name]);
  return found[0] as CollectedSpan;
}

let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 3 });
});

afterAll(async () => {
  await github?.close();
});

describe('traces exported over OTLP', () => {
  let collector: Collector;
  let hub: TestHub;

  beforeAll(async () => {
    collector = await startCollector();
    hub = await startTestHub({ otlpEndpoint: collector.url, pluginSettings: { github: { baseUrl: github.url } } });
    await hub.setCredential('github', github.token);
  });

  afterAll(async () => {
    await hub?.close();
    await collector?.close();
  });

  it('nest request → sieve, broker, tool → upstream in one trace, with ids and no secrets', async () => {
    const client = await hub.connect();
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'list_issues', params: PARAMS },
    });
    expect(result.isError).toBeFalsy();

    const trace = await traceOf(hub, collector, 'tool github.list_issues');
    const request = only(trace, 'mcp.request');
    const sieve = only(trace, 'sieve');
    const broker = only(trace, 'broker');
    const tool = only(trace, 'tool github.list_issues');
    const upstream = only(trace, 'upstream GET 127.0.0.1');

    expect(request.parentSpanId).toBe('');
    expect(descendsFrom(trace, sieve, request)).toBe(true);
    expect(descendsFrom(trace, tool, request)).toBe(true);
    expect(descendsFrom(trace, broker, tool)).toBe(true);
    expect(descendsFrom(trace, upstream, tool)).toBe(true);

    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/mcp',
      'mcp.method.name': 'tools/call',
      'http.response.status_code': 200,
    });
    const ids = { 'mcpist.module': 'github', 'mcpist.tool': 'list_issues', 'mcpist.user_id': hub.userId };
    expect(sieve.attributes).toMatchObject(ids);
    expect(tool.attributes).toMatchObject(ids);
    expect(tool.attributes).not.toHaveProperty('mcpist.error_code');
    expect(broker.attributes).toMatchObject({
      'mcpist.service': 'github',
      'mcpist.user_id': hub.userId,
      'mcpist.credential_found': true,
    });
    expect(upstream.attributes).toMatchObject({
      'mcpist.module': 'github',
      'mcpist.tool': 'list_issues',
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(github.url).port),
      'url.path': '/repos/octo-org/hello-world/issues',
      'http.response.status_code': 200,
    });
    // The handler sent a query string (per_page, state…); the span keeps only the path.
    expect(github.requests.at(-1)?.query.size).toBeGreaterThan(0);
    expect(request.resource).toMatchObject({ 'service.name': 'mcpist', 'service.version': expect.any(String) });

    const everything = collector.bodies.join('\n');
    expect(everything.includes(github.token)).toBe(false);
    expect(everything.includes(hub.token)).toBe(false);
    expect(everything.includes('alice@example.com')).toBe(false);
  });

  it('mark a failed call with its MCPist code and the upstream status', async () => {
    const client = await hub.connect();
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'get_issue', params: { ...PARAMS, issue_number: 999 } },
    });
    expect(result.isError).toBe(true);

    const trace = await traceOf(hub, collector, 'tool github.get_issue');
    const tool = only(trace, 'tool github.get_issue');
    const upstream = only(trace, 'upstream GET 127.0.0.1');
    expect(tool.attributes['mcpist.error_code']).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(tool.status.code).toBe(2); // STATUS_CODE_ERROR
    expect(upstream.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
    expect(upstream.status.code).toBe(2);
  });

  it('give each command of a parallel batch its own tool span with its own upstream child', async () => {
    const client = await hub.connect();
    const commands = [1, 2, 3].map((number) =>
      JSON.stringify({
        id: `c${number}`,
        module: 'github',
        tool: 'get_issue',
        params: { ...PARAMS, issue_number: number },
      }),
    );
    await client.callTool({ name: 'batch', arguments: { commands: commands.join('\n') } });

    const trace = await traceOf(hub, collector, 'tool github.get_issue');
    const request = only(trace, 'mcp.request');
    const tools = trace.filter((span) => span.name === 'tool github.get_issue');
    const upstreams = trace.filter((span) => span.name === 'upstream GET 127.0.0.1');
    expect(tools).toHaveLength(3);
    expect(upstreams.map((span) => span.attributes['url.path']).sort()).toEqual(
      [1, 2, 3].map((number) => `/repos/octo-org/hello-world/issues/${number}`),
    );
    for (const tool of tools) {
      expect(descendsFrom(trace, tool, request)).toBe(true);
      expect(upstreams.filter((span) => span.parentSpanId === tool.spanId)).toHaveLength(1);
    }
  });
});

// The tests below start their own hubs: several seconds each on a loaded 2-core machine, hence 60 s timeouts.
describe('without an OTLP endpoint', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('records and sends nothing, and calls still work', async () => {
    const collector = await startCollector();
    // The exporter would fall back to this variable: only the config may turn tracing on.
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', collector.url);
    const hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
    try {
      await hub.setCredential('github', github.token);
      const client = await hub.connect();
      const result = await client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'list_issues', params: PARAMS },
      });
      expect(result.isError).toBeFalsy();

      const tracing = hub.server.container.resolve(Tokens.Tracing);
      expect(tracing.enabled).toBe(false);
      const probe = tracing.tracer.startSpan('probe');
      expect(probe.isRecording()).toBe(false);
      probe.end();
      await tracing.forceFlush();
    } finally {
      await hub.close();
    }
    expect(collector.requests).toBe(0);
    await collector.close();
  }, 60_000);
});

describe('several hubs in one process', () => {
  it('export to their own collectors, and one hub stopping leaves the other nesting spans', async () => {
    const [first, second] = await Promise.all([startCollector(), startCollector()]);
    const settings = { pluginSettings: { github: { baseUrl: github.url } } };
    const [hubA, hubB] = await Promise.all([
      startTestHub({ ...settings, otlpEndpoint: first.url, otlpServiceName: 'mcpist-a' }),
      startTestHub({ ...settings, otlpEndpoint: second.url, otlpServiceName: 'mcpist-b' }),
    ]);
    let closedA = false;
    try {
      for (const hub of [hubA, hubB]) {
        await hub.setCredential('github', github.token);
        await (await hub.connect()).callTool({
          name: 'call',
          arguments: { module: 'github', tool: 'list_issues', params: PARAMS },
        });
      }
      await traceOf(hubA, first, 'tool github.list_issues');
      await hubA.close();
      closedA = true;

      await (await hubB.connect()).callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'get_issue', params: { ...PARAMS, issue_number: 1 } },
      });
      const trace = await traceOf(hubB, second, 'tool github.get_issue');
      expect(descendsFrom(trace, only(trace, 'upstream GET 127.0.0.1'), only(trace, 'mcp.request'))).toBe(true);

      expect(new Set(first.spans.map((span) => span.resource['service.name']))).toEqual(new Set(['mcpist-a']));
      expect(new Set(second.spans.map((span) => span.resource['service.name']))).toEqual(new Set(['mcpist-b']));
    } finally {
      if (!closedA) await hubA.close();
      await hubB.close();
      await Promise.all([first.close(), second.close()]);
    }
  }, 60_000);
});
