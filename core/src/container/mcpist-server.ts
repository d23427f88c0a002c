import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyContainer } from 'tsyringe';
import type { McpistConfig } from '../config/config-schema.js';
import { apiDepsFrom } from '../http/api/api-deps.js';
import { createApp } from '../http/create-app.js';
import { metricsExposureWarning, startMetricsListener } from '../observability/metrics-route.js';
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
  close(): Promise<void>;
}

/** Composes the hub and serves it over HTTP on `config.host:config.port`. */
export async function startServer(config: McpistConfig, options: ComposeOptions = {}): Promise<McpistServer> {
  const container = await compose(config, options);
  const report = container.resolve(Tokens.PluginReport);
  const app = createApp({
    authenticator: container.resolve(Tokens.Authenticator),
    dispatcher: container.resolve(Tokens.ToolDispatcher),
    logger: container.resolve(Tokens.Logger),
    metrics: container.resolve(Tokens.Metrics),
    tracer: container.resolve(Tokens.Tracing).tracer,
    db: container.resolve(Tokens.Database),
    version: MCPIST_VERSION,
    defaultMode: config.toolMode,
    publicUrl: config.publicUrl,
    authorizationServers: [
      ...new Set([
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
    api: apiDepsFrom(container, {
      version: MCPIST_VERSION,
      publicUrl: config.publicUrl,
      maxBodyBytes: config.http.maxBodyBytes,
    }),
  });
  let http: Server;
  let metricsListener: Awaited<ReturnType<typeof startMetricsListener>> | undefined;
  try {
    http = await new Promise<Server>((resolve, reject) => {
      const server = app.listen(config.port, config.host, () => resolve(server));
      server.once('error', reject);
    });
    if (config.metricsListen) {
      metricsListener = await startMetricsListener(
        config.metricsListen,
        container.resolve(Tokens.Metrics),
        config.metricsToken,
      ).catch(async (error: unknown) => {
        http.close();
        throw error;
      });
    }
  } catch (error) {
    await disposeContainer(container);
    throw error;
  }
  http.headersTimeout = 30_000;
  http.requestTimeout = 120_000;
  const { port } = http.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const logger = container.resolve(Tokens.Logger);
  logger.info('mcpist listening', {
    url: `http://${host}:${port}`,
    modules: report.loaded.map((plugin) => plugin.definition.name),
    tool_mode: config.toolMode,
    ...(metricsListener ? { metrics_url: `${metricsListener.url}/metrics` } : {}),
  });
  const exposed = metricsExposureWarning(config);
  if (exposed) logger.warn(exposed, { event: 'metrics_exposed' });
  return {
    url: `http://${host}:${port}`,
    port,
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    container,
    async close() {
      await metricsListener?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await disposeContainer(container);
    },
  };
}
