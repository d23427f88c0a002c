import { PLUGIN_API_VERSION } from '@mcpist/plugin-sdk';
import { type Request, type Response, Router } from 'express';
import type { JSONWebKeySet } from 'jose';
import { CURRENT_PROTOCOL_VERSION, SERVED_PROTOCOL_VERSIONS } from '../mcp/protocol-versions.js';
import type { Metrics } from '../observability/metrics.js';
import { metricsRoute } from '../observability/metrics-route.js';
import type { PluginLoadFailure } from '../plugins/plugin-load-error.js';
import type { Database } from '../store/database.js';
import { publicBaseUrlFor } from './public-url.js';

export interface ServiceRouteDeps {
  version: string;
  db: Database;
  metrics: Metrics;
  failedPlugins: readonly PluginLoadFailure[];
  loadedModules: readonly string[];
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  authorizationServers: readonly string[];
  /** Scopes the MCP endpoint understands (MCPist's own authorization server's); none without it. */
  scopesSupported?: readonly string[];
  /** When set, `/metrics` needs `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined;
  /** `/metrics` is served by its own listener (config `metricsListen`), not here. */
  metricsOnOwnListener?: boolean;
  /** The public keys of MCPist's own session tokens, served at `/.well-known/jwks.json`. */
  jwks?: () => JSONWebKeySet;
}

/** Health, version, metrics and the RFC 9728 protected-resource metadata. */
export function serviceRoutes(deps: ServiceRouteDeps): Router {
  const router = Router();

  router.get('/health', async (_req, res) => {
    const store = await deps.db.ping();
    const degraded = !store || deps.failedPlugins.length > 0;
    const status = store ? (degraded ? 'degraded' : 'ok') : 'unavailable';
    deps.metrics.healthChecksTotal.inc({ status });
    res.status(store ? 200 : 503).json({
      status,
      version: deps.version,
      checks: {
        store: { status: store ? 'ok' : 'unreachable', kind: deps.db.kind },
        plugins: {
          loaded: deps.loadedModules,
          failed: deps.failedPlugins.map(({ packageName, code, message }) => ({ package: packageName, code, message })),
        },
      },
    });
  });

  router.get('/api/version', (_req, res) => {
    res.json({
      version: deps.version,
      plugin_api_version: PLUGIN_API_VERSION,
      mcp_protocol_version: CURRENT_PROTOCOL_VERSION,
      mcp_protocol_versions: SERVED_PROTOCOL_VERSIONS,
    });
  });

  if (!deps.metricsOnOwnListener) router.use(metricsRoute(deps.metrics, deps.metricsToken));

  const resourceMetadata = (req: Request, res: Response) => {
    // As the client reached this server (localhost or 127.0.0.1 alike, public-url.ts): it compares the two.
    const base = publicBaseUrlFor(req, deps.publicUrl);
    res.json({
      resource: `${base}/mcp`,
      resource_name: 'MCPist',
      authorization_servers: deps.authorizationServers,
      ...(deps.scopesSupported?.length ? { scopes_supported: deps.scopesSupported } : {}),
      bearer_methods_supported: ['header'],
      resource_documentation: `${base}/api/version`,
    });
  };
  router.get('/.well-known/oauth-protected-resource', resourceMetadata);
  router.get('/.well-known/oauth-protected-resource/mcp', resourceMetadata);
  const { jwks } = deps;
  if (jwks) {
    router.get('/.well-known/jwks.json', (_req, res) => {
      res.set('Cache-Control', 'public, max-age=300').json(jwks());
    });
  }
  return router;
}
