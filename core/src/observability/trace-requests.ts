import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

/** The JSON-RPC method of a single (non-batch) message, e.g. `tools/call`. */
function rpcMethod(body: unknown): string | undefined {
  const method = (body as { method?: unknown } | undefined)?.method;
  return typeof method === 'string' ? method.slice(0, 64) : undefined;
}

/**
 * Express middleware: a server span `mcp.request` around each `POST /mcp`,
 * made active for the rest of the request so the sieve, broker, tool and
 * upstream spans nest under it. Mount it after the body parser: the JSON-RPC
 * method is read from the parsed body, and the parser's stream callbacks
 * would otherwise run outside the span's context.
 */
export function traceRequests(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    const method = rpcMethod(req.body);
    const span = tracer.startSpan('mcp.request', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'POST',
        'url.path': req.originalUrl.split('?', 1)[0] ?? '/mcp',
        ...(method ? { 'mcp.method.name': method } : {}),
        ...(typeof res.locals.requestId === 'string' ? { 'mcpist.request_id': res.locals.requestId } : {}),
      },
    });
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute('mcpist.aborted', true);
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
