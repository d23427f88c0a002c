import {
  type Attributes,
  type ContextManager,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Logger } from 'winston';
import { isMcpistError } from '../errors/mcpist-error.js';
import { REDACTED, redactValue } from './redact.js';

const TRACER_NAME = 'mcpist';

export interface TracingOptions {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`. Unset: no tracing. */
  endpoint?: string | undefined;
  /** `service.name` of the exported resource. Default `mcpist`. */
  serviceName?: string | undefined;
  /** `service.version` of the exported resource. */
  version: string;
  /** Hears about export failures at shutdown; the exporter is otherwise silent. */
  logger?: Logger;
}

/** One hub's tracing: the tracer its parts use, and how to flush and stop the exporter. */
export interface Tracing {
  /** Whether spans are recorded and exported (an endpoint was configured). */
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** Exports every finished span now; rejects if the collector refuses them. */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops; never rejects, a telemetry outage must not fail a shutdown. */
  shutdown(): Promise<void>;
}

/*
 * Why a provider per hub and not the global one: tests (and an embedding
 * app) run several hubs in one process, and `trace.setGlobalTracerProvider`
 * only succeeds once — a second hub's spans would silently go to the first
 * hub's collector. So each hub builds its own provider and hands its Tracer
 * through the composition root.
 *
 * The context manager, though, is process-wide by nature (it is what makes
 * `context.active()` follow async calls), so hubs share one, counted: the
 * first enabled hub registers an AsyncLocalStorage manager, the last one to
 * shut down removes it. If the host process already registered its own, we
 * use that one and never disable it.
 */
let contextUsers = 0;
let ownedContextManager: ContextManager | undefined;

function acquireContextManager(create: () => ContextManager): void {
  contextUsers += 1;
  if (contextUsers > 1) return;
  const manager = create().enable();
  if (context.setGlobalContextManager(manager)) ownedContextManager = manager;
  else manager.disable();
}

function releaseContextManager(): void {
  contextUsers = Math.max(0, contextUsers - 1);
  if (contextUsers > 0 || !ownedContextManager) return;
  context.disable();
  ownedContextManager = undefined;
}

/**
 * Starts tracing for one hub. Without an endpoint nothing is registered or
 * loaded: the tracer is the API's global one, a no-op unless the host process
 * installed an OpenTelemetry SDK itself (then its spans go there), so each
 * span costs a function call. With one, the SDK is imported (lazily — it
 * takes a few hundred ms to load) and spans are batched to the collector
 * over OTLP/HTTP as JSON.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.endpoint) {
    return {
      enabled: false,
      tracer: trace.getTracer(TRACER_NAME, options.version),
      forceFlush: async () => {},
      shutdown: async () => {},
    };
  }
  const [
    { BatchSpanProcessor, TracerProvider },
    { OTLPTraceExporter },
    { AsyncLocalStorageContextManager },
    resources,
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/resources'),
  ]);
  // Headers (OTEL_EXPORTER_OTLP_HEADERS), timeout and compression still come from the standard env vars.
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new TracerProvider({
    resource: resources.defaultResource().merge(
      resources.resourceFromAttributes({
        'service.name': options.serviceName ?? 'mcpist',
        'service.version': options.version,
      }),
    ),
    spanLimits: { attributeValueLengthLimit: 1024 },
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  acquireContextManager(() => new AsyncLocalStorageContextManager());
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    tracer: provider.getTracer(TRACER_NAME, options.version),
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      stopped ??= provider
        .shutdown()
        .catch((error: unknown) => {
          options.logger?.warn('could not export the last traces', { error: (error as Error).message });
        })
        .finally(releaseContextManager);
      return stopped;
    },
  };
}

/**
 * Marks a span failed: status ERROR, `mcpist.error_code` for MCPist errors,
 * and (unless `exception: false`) an exception event with a redacted message.
 */
export function recordError(span: Span, error: unknown, options: { exception?: boolean } = {}): void {
  if (isMcpistError(error)) {
    span.setAttribute('mcpist.error_code', error.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.codeName });
  } else {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  }
  if (options.exception === false) return;
  if (error instanceof Error) {
    span.recordException({ name: error.name, message: redactValue(error.message) as string, stack: error.stack });
  } else {
    span.recordException({ name: 'non-error', message: redactValue(String(error)) as string });
  }
}

/**
 * Runs `fn` inside an active span named `name`, so spans started within
 * (across awaits) become its children. A throw marks the span failed and is
 * rethrown; the span always ends.
 */
export function withSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordError(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function describeRequest(input: Parameters<typeof fetch>[0], init: RequestInit | undefined) {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  try {
    const url = new URL(input instanceof Request ? input.url : input);
    return { method, url };
  } catch {
    return { method, url: undefined };
  }
}

function hide(value: string, secrets: readonly string[]): string {
  let out = redactValue(value) as string;
  // Short strings would match innocently; real credentials are long.
  for (const secret of secrets) if (secret.length >= 8) out = out.replaceAll(secret, REDACTED);
  return out;
}

/**
 * A fetch that wraps each upstream HTTP request in a client span
 * `upstream <METHOD> <host>`. Only the method, host, port, path and status
 * are recorded — never the query string or headers — and the path is
 * scrubbed of `secrets` (the call's credential) and secret-looking values.
 * The span ends when the response headers arrive.
 */
export function traceFetch(
  tracer: Tracer,
  base: typeof globalThis.fetch,
  attributes: Attributes = {},
  options: { secrets?: readonly string[] } = {},
): typeof globalThis.fetch {
  const secrets = options.secrets ?? [];
  return async (input, init) => {
    const span = tracer.startSpan('upstream', { kind: SpanKind.CLIENT, attributes });
    // Without an exporter the span records nothing: skip parsing and scrubbing the URL for it.
    if (!span.isRecording()) {
      span.end();
      return base(input, init);
    }
    const { method, url } = describeRequest(input, init);
    span.updateName(url ? `upstream ${method} ${url.hostname}` : `upstream ${method}`);
    span.setAttributes({
      'http.request.method': method,
      ...(url
        ? {
            'server.address': url.hostname,
            'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
            'url.path': hide(url.pathname, secrets),
          }
        : {}),
    });
    try {
      const response = await base(input, init);
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 400) {
        span.setAttribute('error.type', String(response.status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      return response;
    } catch (error) {
      span.setAttribute('error.type', error instanceof Error ? error.name : 'error');
      recordError(span, error);
      throw error;
    } finally {
      span.end();
    }
  };
}
