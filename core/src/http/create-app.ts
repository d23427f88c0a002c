import { randomUUID } from 'node:crypto';
import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { Tracer } from '@opentelemetry/api';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'winston';
import type { Metrics } from '../observability/metrics.js';
import { traceRequests } from '../observability/trace-requests.js';
import type { ApiDeps } from './api/api-deps.js';
import { apiRouter } from './api/api-router.js';
import { jsonRpcBodyErrors, refuseMalformedJsonRpc } from './body-guards.js';
import { type HostGuardSettings, hostGuard } from './host-guard.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';
import { type McpRouteDeps, mcpRoute } from './mcp-route.js';
import { type ServiceRouteDeps, serviceRoutes } from './service-routes.js';
import { allowedOriginsCors } from './session/allowed-origins-cors.js';
import { uiRoutes } from './ui/ui-routes.js';

export interface AppDeps extends McpRouteDeps, ServiceRouteDeps {
  metrics: Metrics;
  logger: Logger;
  /** Spans `mcp.request` around each POST /mcp; none without it. */
  tracer?: Tracer;
  maxBodyBytes: number;
  /** The admin REST API under /api; not mounted without it. */
  api?: ApiDeps;
  /** DNS-rebinding protection: which Host/Origin names this server answers to. */
  hosts: Omit<HostGuardSettings, 'publicUrl'>;
  /** `publicUrl` as configured (its host is always allowed), undefined when the listen address stands in. */
  configuredPublicUrl: string | undefined;
  /** MCPist's own authorization server (metadata, /oauth/*); none when switched off. */
  oauthServer?: RequestHandler | undefined;
  /** Serve the admin UI's build (admin/out) on this port; default true when it exists. */
  ui?: boolean;
  /** Proxies whose X-Forwarded-* headers are believed; none when empty. */
  trustedProxies: readonly string[];
}

function observeRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const requestId = req.get('x-request-id')?.slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      metrics.requestsTotal.inc({ status: String(res.statusCode) });
      if (res.statusCode >= 500) metrics.errorsTotal.inc({ status: String(res.statusCode) });
      metrics.requestDuration.observe(performance.now() - started);
    });
    next();
  };
}

/** Stray exceptions: a clear JSON-RPC error, never a stack trace (bad bodies are answered by jsonRpcBodyErrors). */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    logger.error('unhandled request error', { path: req.path, request_id: res.locals.requestId, error });
    res.status(500).json(jsonRpcErrorBody(ProtocolErrorCode.InternalError, 'internal error; see the server log'));
  };
}

/** The HTTP surface: /mcp, /health, /api (version and the admin API), /metrics, /.well-known/*. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false);
  app.use(observeRequests(deps.metrics));
  app.use(hostGuard({ ...deps.hosts, publicUrl: deps.configuredPublicUrl }));
  app.use('/mcp', express.json({ limit: deps.maxBodyBytes, strict: false }), refuseMalformedJsonRpc);
  if (deps.tracer) app.use('/mcp', traceRequests(deps.tracer));
  // Every MCP request goes here: first, so it is not matched against every other router's routes on the way.
  app.use(mcpRoute(deps));
  app.use(serviceRoutes(deps));
  if (deps.oauthServer) app.use(deps.oauthServer);
  if (deps.api) {
    if (deps.api.allowedOrigins.length > 0) app.use('/api', allowedOriginsCors(deps.api.allowedOrigins));
    app.use('/api/session', deps.api.sessionRoutes);
    app.use('/api', apiRouter(deps.api));
    app.use(deps.api.connectPages);
  }
  const ui = deps.ui === false ? undefined : uiRoutes();
  if (ui) app.use(ui);
  app.use((req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
  });
  app.use(jsonRpcBodyErrors);
  app.use(errorHandler(deps.logger));
  return app;
}
