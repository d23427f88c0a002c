import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { type DependencyContainer, container as rootContainer } from 'tsyringe';
import { LOCAL_ISSUER, SessionIssuer } from '../auth/session-issuer.js';
import { SigningKeys } from '../auth/signing-keys.js';
import type { McpistConfig } from '../config/config-schema.js';
import type { PublishedModule } from '../neutral/published-catalog.js';
import { LateAccessTokens } from '../oauth-server/late-access-tokens.js';
import { closeLogger, createMcpistLogger, logFormatFor } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { startOtlpMetrics } from '../observability/otlp-metrics.js';
import { startTracing } from '../observability/tracing.js';
import { guardedAgent, type ResolveHost } from '../outbound/guarded-agent.js';
import { OutboundPolicy } from '../outbound/outbound-policy.js';
import { UpstreamFetcher } from '../outbound/upstream-fetch.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import type { CatalogModule } from '../plugins/module-catalog.js';
import { PluginLoadCodes } from '../plugins/plugin-load-error.js';
import { LimiterPool } from '../runner/rate-limiter.js';
import { KeyRing } from '../secrets/key-ring.js';
import { grantNewModulesToDefaultRoles } from '../sieve/default-masks.js';
import { type OpenedDatabase, openDatabase, resolveDataDir } from '../store/open-database.js';
import { StoreChanges } from '../store/store-changes.js';
import { MCPIST_VERSION } from '../version.js';
import { registerProviders } from './declared-deps.js';
import { SERVICES } from './services.js';
import { Tokens } from './tokens.js';

export interface ComposeOptions {
  /** `stderr` for stdio mode, where stdout carries the protocol. */
  logStream?: 'stdout' | 'stderr';
  /** Load plugins (serve, stdio, plugins list) or not (token and credential commands). */
  plugins?: boolean;
  /** A store already being opened (see `openStoreEarly`), so start-up work overlaps module loading. */
  database?: Promise<OpenedDatabase>;
  /** Resolves upstream host names (tests map names to loopback without DNS); the system resolver by default. */
  resolveHost?: ResolveHost;
  /** Extra certificate authorities outbound https requests trust (tests' local https servers). */
  outboundCa?: string;
  cwd?: string;
}

/**
 * The composition root: does the start-up work — opening the store,
 * importing plugins (in parallel), loading keys — registers its results, then
 * every service of `SERVICES`, each built once on first use, in a child
 * container (so tests can run several instances in one process).
 */
export async function compose(config: McpistConfig, options: ComposeOptions = {}): Promise<DependencyContainer> {
  const c = rootContainer.createChildContainer();
  const stream = options.logStream ?? 'stdout';
  const logger = createMcpistLogger({
    level: config.logLevel,
    stream,
    format: logFormatFor(config.logFormat, stream === 'stderr' ? process.stderr : process.stdout),
    loki: { url: config.lokiUrl, username: config.lokiUsername, password: config.lokiPassword },
  });
  const metrics = new Metrics();
  // Loads the OpenTelemetry SDK (only when an endpoint is set) while the store opens and plugins load.
  const tracing = startTracing({
    endpoint: config.otlpEndpoint,
    serviceName: config.otlpServiceName,
    version: MCPIST_VERSION,
    logger,
  });
  const otlpMetrics = startOtlpMetrics({
    endpoint: config.otlpEndpoint,
    serviceName: config.otlpServiceName,
    version: MCPIST_VERSION,
    registry: metrics.registry,
    intervalMs: config.otlpMetricsIntervalMs,
    logger,
  });
  const cwd = options.cwd ?? process.cwd();
  const dataDir = resolveDataDir(config, cwd);

  const [{ db, applied }, report] = await Promise.all([
    options.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir }),
    options.plugins === false
      ? Promise.resolve({ loaded: [], failed: [] })
      : loadPlugins({
          names: config.plugins,
          pluginPaths: config.pluginPaths,
          autoDiscover: config.autoDiscoverPlugins,
          cwd,
        }),
  ]);
  if (applied.length > 0) logger.info('database migrated', { applied, store: db.kind });

  const { ring, created, keyFile } = loadKeyRing(config, dataDir, cwd);
  if (created) {
    logger.warn('generated a new encryption key file; back it up, stored credentials are unreadable without it', {
      key_file: keyFile,
    });
  }

  for (const failure of report.failed) {
    logger.error('plugin skipped', { package: failure.packageName, code: failure.code, reason: failure.message });
  }
  const loadedNames = new Set(report.loaded.map((plugin) => plugin.definition.name));
  for (const name of Object.keys(config.pluginSettings)) {
    if (!loadedNames.has(name)) logger.warn('pluginSettings names a module that is not loaded', { module: name });
  }

  c.register(Tokens.Config, { useValue: config });
  c.register(Tokens.Logger, { useValue: logger });
  c.register(Tokens.Metrics, { useValue: metrics });
  c.register(Tokens.Tracing, { useValue: await tracing });
  c.register(Tokens.OtlpMetrics, { useValue: await otlpMetrics });
  c.register(Tokens.Database, { useValue: db });
  const changes = await StoreChanges.watch(db);
  if (changes.probeFailed) {
    logger.warn(
      'the database does not deliver LISTEN/NOTIFY (a pooler in transaction mode?): every request reads the store; use a session-mode or direct DATABASE_URL',
      { event: 'store_notifications_unavailable' },
    );
  }
  c.register(Tokens.StoreChanges, { useValue: changes });
  c.register(Tokens.KeyRing, { useValue: ring });
  c.register(Tokens.KeyFile, { useValue: keyFile });
  c.register(Tokens.PluginReport, { useValue: report });
  const outbound = new OutboundPolicy({
    // Base URLs the operator set (config file or MCPIST_PLUGIN_<NAME>_BASE_URL) are trusted as they are.
    trustedOrigins: Object.values(config.pluginSettings).flatMap((settings) =>
      settings.baseUrl ? [settings.baseUrl] : [],
    ),
    allowedHosts: config.upstream.allowedHosts,
  });
  c.register(Tokens.OutboundPolicy, { useValue: outbound });
  const outboundAgent = guardedAgent(
    outbound,
    options.resolveHost,
    options.outboundCa ? { ca: options.outboundCa } : {},
  );
  c.register(Tokens.OutboundAgent, { useValue: outboundAgent });
  c.register(Tokens.UpstreamFetcher, {
    useValue: new UpstreamFetcher(outboundAgent, config.upstream.maxResponseBytes),
  });

  c.register(Tokens.LimiterPool, { useValue: await LimiterPool.create({ redisUrl: config.redisUrl }) });
  const signingKeys = await loadSigningKeys(config, dataDir, cwd);
  c.register(Tokens.SigningKeys, { useValue: signingKeys });
  c.register(Tokens.SessionIssuer, {
    useValue: new SessionIssuer(signingKeys, config.publicUrl ?? LOCAL_ISSUER, config.jwt.sessionTtlSeconds),
  });
  c.register(Tokens.AccessTokens, { useValue: new LateAccessTokens() });
  registerProviders(c, SERVICES);

  if (options.plugins !== false) {
    const { added } = await syncModuleRegistry(c);
    await grantNewModulesToDefaultRoles(c.resolve(Tokens.RolesRepository), c.resolve(Tokens.ModuleCatalog), added);
    await c.resolve(Tokens.ModuleRegistryRepository).markOffered(added);
  }
  return c;
}

/** The key ring: from the key file (created on first start), or ephemeral for an in-memory store. */
function loadKeyRing(config: McpistConfig, dataDir: string, cwd: string) {
  if (!config.keyFile && dataDir.startsWith('memory://'))
    return { ring: KeyRing.generate(), created: false, keyFile: '' };
  const keyFile = config.keyFile ? resolve(cwd, config.keyFile) : join(dataDir, 'keys.json');
  return { ...KeyRing.loadOrCreate(keyFile), keyFile };
}

/** MCPist's own session signing keys: from their file (created on first start), or ephemeral in memory. */
async function loadSigningKeys(config: McpistConfig, dataDir: string, cwd: string): Promise<SigningKeys> {
  const grace = config.jwt.sessionTtlSeconds + config.jwt.clockToleranceSeconds;
  if (!config.jwt.signingKeyFile && dataDir.startsWith('memory://')) return SigningKeys.generate(grace);
  const path = config.jwt.signingKeyFile ? resolve(cwd, config.jwt.signingKeyFile) : join(dataDir, 'signing-keys.json');
  return (await SigningKeys.loadOrCreate(path, grace)).keys;
}

/** Records the loaded and failed plugins; returns the modules seen for the first time. */
async function syncModuleRegistry(c: DependencyContainer): Promise<{ added: string[] }> {
  const report = c.resolve(Tokens.PluginReport);
  // Only the Edge Functions read the published catalog (ADR 0042): without them, converting and writing every
  // tool's schema would cost each start ≈100 ms for nothing.
  const catalog = c.resolve(Tokens.Config).tokenBrokerUrl ? c.resolve(Tokens.ModuleCatalog) : undefined;
  return c.resolve(Tokens.ModuleRegistryRepository).sync([
    ...report.loaded.map(({ definition, packageName, packageVersion }) => ({
      moduleName: definition.name,
      displayName: definition.displayName,
      description: definition.description,
      apiVersion: definition.upstreamApiVersion,
      packageName,
      packageVersion,
      catalog: catalog && publishedModuleOf(catalog.modules.get(definition.name)),
    })),
    // A duplicate claims a module that is served by another package: that module is fine.
    ...report.failed
      .filter((failure) => failure.moduleName && failure.code !== PluginLoadCodes.DUPLICATE)
      .map((failure) => ({
        moduleName: failure.moduleName as string,
        displayName: failure.moduleName as string,
        description: '',
        apiVersion: '',
        packageName: failure.packageName,
        packageVersion: undefined,
        loadError: `${failure.code}: ${failure.message}`,
      })),
  ]);
}

/** What the Edge Functions read of a loaded module (ADR 0042). */
function publishedModuleOf(module: CatalogModule | undefined): PublishedModule | undefined {
  if (!module) return undefined;
  return {
    service: module.service ?? null,
    oauth2: module.definition.auth?.oauth2 ?? null,
    tools: [...module.tools.values()].map((tool) => tool.schemaEntry),
  };
}

/** Releases what the container holds: limiters, upstream connections, pending audit writes (denials, tool calls), the database, the trace and metric exporters, log transports. */
export async function disposeContainer(c: DependencyContainer): Promise<void> {
  c.resolve(Tokens.CallStats).close();
  await c.resolve(Tokens.LimiterPool).close();
  await c.resolve(Tokens.UpstreamFetcher).close();
  await c.resolve(Tokens.ToolSieve).flush();
  await c.resolve(Tokens.CallLog).close();
  await c.resolve(Tokens.StoreChanges).close();
  await c.resolve(Tokens.Database).close();
  await c.resolve(Tokens.Tracing).shutdown();
  await c.resolve(Tokens.OtlpMetrics).shutdown();
  await closeLogger(c.resolve(Tokens.Logger));
}
