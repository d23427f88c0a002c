import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyContainer } from 'tsyringe';
import type { McpistConfig } from '../config/config-schema.js';
import { apiDepsFrom } from '../http/api/api-deps.js';
import { createApp } from '../http/create-app.js';
import { LOOPBACK_HOSTS, publicBaseUrl } from '../http/public-url.js';
import { browserSessionPrincipal } from '../http/session/request-principal.js';
import { uiBuilt } from '../http/ui/ui-routes.js';
import { InFlightCalls } from '../mcp/in-flight-calls.js';
import { mountAuthorizationServer } from '../oauth-server/mount.js';
import { scopeChallenge } from '../oauth-server/scope-challenge.js';
import { metricsExposureWarning, startMetricsListener } from '../observability/metrics-route.js';
import { PostgresCancelRelay } from '../store/postgres-cancel-relay.js';
import { TaskService } from '../tasks/task-service.js';
import { MCPIST_VERSION } from '../version.js';
import { type ComposeOptions, compose, disposeContainer } from './compose.js';
import { Tokens } from './tokens.js';

/** A running MCPist HTTP server. */
export interface McpistServer {
  readonly url: string;
  readonly port: number;
  /** The separate `/metrics` listener's base URL, when `metricsListen` is set. */
  readonly metricsUrl?: string;
  readonly container: DependencyContainer;
  /** HTTP requests received so far (the idle collector watches it). */
  readonly requestsServed: number;
  close(): Promise<void>;
}

export interface StartServerOptions extends ComposeOptions {
  /** Runs once the server listens, before it announces itself (`mcpist listening`): what must be ready by then. */
  beforeReady?: (server: { container: DependencyContainer; url: string }) => Promise<void>;
}

/** Composes the hub and serves it over HTTP on `config.host:config.port`. */
export async function startServer(config: McpistConfig, options: StartServerOptions = {}): Promise<McpistServer> {
  const container = await compose(config, options);
  const report = container.resolve(Tokens.PluginReport);
  // Listen first: links and redirect URIs name the bound port (port 0 in tests), never a request's Host.
  const http = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await disposeContainer(container);
    throw error;
  }
  const { port } = http.address() as AddressInfo;
  const publicUrl = publicBaseUrl(config.publicUrl, config.host, port);
  const oauthServer = mountAuthorizationServer(
    {
      logger: container.resolve(Tokens.Logger),
      users: container.resolve(Tokens.UsersRepository),
      signingKeys: container.resolve(Tokens.SigningKeys),
      outboundAgent: container.resolve(Tokens.OutboundAgent),
      records: container.resolve(Tokens.OAuthServerRepository),
      accessTokens: container.resolve(Tokens.AccessTokens),
      authenticator: container.resolve(Tokens.Authenticator),
      browserPrincipal: browserSessionPrincipal(container.resolve(Tokens.BrowserSessions)),
      ...(uiBuilt() ? { uiSignIn: (next: string) => `/login?next=${encodeURIComponent(next)}` } : {}),
    },
    config,
    publicUrl,
  );
  const logger = container.resolve(Tokens.Logger);
  // A 2025-era cancellation may land on another instance than its call: shared PostgreSQL relays it.
  const inFlight = new InFlightCalls(
    config.databaseUrl
      ? new PostgresCancelRelay(config.databaseUrl, (error) =>
          logger.warn('cancellation relay failed', { error: error.message }),
        )
      : undefined,
  );
  try {
    await inFlight.start();
  } catch (error) {
    http.close();
    await disposeContainer(container);
    throw error;
  }
  // Tasks run here but live in the store; cancelling one reaches it through the same relay.
  const tasks = new TaskService(container.resolve(Tokens.TasksRepository), inFlight, config.tasks, logger);
  const app = createApp({
    inFlight,
    tasks,
    authenticator: container.resolve(Tokens.Authenticator),
    dispatcher: container.resolve(Tokens.ToolDispatcher),
    prompts: container.resolve(Tokens.PromptDispatcher),
    resources: container.resolve(Tokens.ResourceDispatcher),
    logger: container.resolve(Tokens.Logger),
    metrics: container.resolve(Tokens.Metrics),
    tracer: container.resolve(Tokens.Tracing).tracer,
    db: container.resolve(Tokens.Database),
    version: MCPIST_VERSION,
    defaultMode: config.toolMode,
    publicUrl,
    configuredPublicUrl: config.publicUrl,
    hosts: {
      listenHost: config.host,
      allowedHosts: config.http.allowedHosts,
      allowedOrigins: config.http.allowedOrigins,
    },
    trustedProxies: config.http.trustedProxies,
    oauthServer: oauthServer?.router,
    ...(oauthServer ? { scopeChallenge: scopeChallenge(container.resolve(Tokens.RoleSieve)) } : {}),
    scopesSupported: oauthServer?.scopes ?? [],
    authorizationServers: [
      ...new Set([
        ...(oauthServer ? [oauthServer.issuer] : []),
        ...config.authorizationServers,
        ...(config.jwt.jwksUrl && config.jwt.issuer ? [config.jwt.issuer] : []),
      ]),
    ],
    jwks: () => container.resolve(Tokens.SessionIssuer).jwks(),
    metricsToken: config.metricsToken,
    metricsOnOwnListener: config.metricsListen !== undefined,
    failedPlugins: report.failed,
    loadedModules: report.loaded.map((plugin) => plugin.definition.name),
    maxBodyBytes: config.http.maxBodyBytes,
    api: apiDepsFrom(container, { version: MCPIST_VERSION, publicUrl }),
  });
  let requestsServed = 0;
  http.on('request', (req, res) => {
    requestsServed++;
    app(req, res);
  });
  let metricsListener: Awaited<ReturnType<typeof startMetricsListener>> | undefined;
  if (config.metricsListen) {
    try {
      metricsListener = await startMetricsListener(
        config.metricsListen,
        container.resolve(Tokens.Metrics),
        config.metricsToken,
      );
    } catch (error) {
      http.close();
      await disposeContainer(container);
      throw error;
    }
  }
  http.headersTimeout = 30_000;
  http.requestTimeout = 120_000;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  if (!config.publicUrl && !LOOPBACK_HOSTS.has(config.host)) {
    logger.warn('publicUrl is not set: links and OAuth redirect URIs name the listen address; set publicUrl', {
      listen: url,
      links: publicUrl,
    });
  }
  await options.beforeReady?.({ container, url });
  logger.info('mcpist listening', {
    url,
    modules: report.loaded.map((plugin) => plugin.definition.name),
    tool_mode: config.toolMode,
    ...(metricsListener ? { metrics_url: `${metricsListener.url}/metrics` } : {}),
  });
  const exposed = metricsExposureWarning(config);
  if (exposed) logger.warn(exposed, { event: 'metrics_exposed' });
  return {
    url,
    port,
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    container,
    get requestsServed() {
      return requestsServed;
    },
    async close() {
      await metricsListener?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await tasks.close();
      await inFlight.close();
      await disposeContainer(container);
    },
  };
}
