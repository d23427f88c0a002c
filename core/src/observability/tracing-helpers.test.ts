import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { REDACTED } from './redact.js';
import { traceFetch, withSpan } from './tracing.js';

const exporter = new InMemorySpanExporter();
const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('test');
const TOKEN = 'tok0123456789abcdefXYZ';

afterEach(() => exporter.reset());

function finished() {
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0] as NonNullable<(typeof spans)[0]>;
}

const answering =
  (status: number): typeof fetch =>
  async () =>
    new Response(null, { status });

describe('traceFetch', () => {
  it.each([
    ['200', answering(200), 200, SpanStatusCode.UNSET, undefined],
    ['404', answering(404), 404, SpanStatusCode.ERROR, '404'],
    ['503', answering(503), 503, SpanStatusCode.ERROR, '503'],
  ])('records an upstream %s', async (_name, base, status, code, errorType) => {
    const response = await traceFetch(tracer, base, { 'mcpist.module': 'm' })(
      'https://api.example.com/v1/items?access_token=abc&page=2',
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    expect(response.status).toBe(status);
    const span = finished();
    expect(span.name).toBe('upstream GET api.example.com');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(code);
    expect(span.attributes).toEqual({
      'mcpist.module': 'm',
      'http.request.method': 'GET',
      'server.address': 'api.example.com',
      'server.port': 443,
      'url.path': '/v1/items',
      'http.response.status_code': status,
      ...(errorType ? { 'error.type': errorType } : {}),
    });
  });

  it('takes the method from init or from a Request, and scrubs the credential out of the path', async () => {
    const traced = traceFetch(tracer, answering(201), {}, { secrets: [TOKEN] });
    await traced(new Request(`http://127.0.0.1:8080/bot${TOKEN}/send`, { method: 'POST' }));
    expect(finished().attributes).toMatchObject({
      'http.request.method': 'POST',
      'server.port': 8080,
      'url.path': `/bot${REDACTED}/send`,
    });
    exporter.reset();
    await traced(new URL('http://127.0.0.1/x'), { method: 'delete' });
    expect(finished().name).toBe('upstream DELETE 127.0.0.1');
  });

  it('marks a network failure and rethrows it', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(traceFetch(tracer, failing)('http://127.0.0.1:1/')).rejects.toThrow('fetch failed');
    const span = finished();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('TypeError');
    expect(span.attributes).not.toHaveProperty('http.response.status_code');
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('withSpan', () => {
  it('returns the value and ends the span', async () => {
    expect(await withSpan(tracer, 'work', { a: 1 }, async () => 42)).toBe(42);
    expect(finished()).toMatchObject({ name: 'work', attributes: { a: 1 }, status: { code: SpanStatusCode.UNSET } });
  });

  it('marks an MCPist error with its code, records the exception redacted, and rethrows', async () => {
    const error = new McpistError(ErrorCodes.INVALID_TOOL, `unknown tool, Bearer ${TOKEN}`);
    await expect(
      withSpan(tracer, 'sieve', {}, () => {
        throw error;
      }),
    ).rejects.toBe(error);
    const span = finished();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'INVALID_TOOL' });
    expect(span.attributes['mcpist.error_code']).toBe(ErrorCodes.INVALID_TOOL);
    const message = String(span.events[0]?.attributes?.['exception.message']);
    expect(message).toContain('unknown tool');
    expect(message).not.toContain(TOKEN);
  });
});
