import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from 'tsyringe';
import { ApiTokenIssuer } from '../auth/api-token-issuer.js';
import { Authenticator } from '../auth/authenticator.js';
import { JwtSignIn } from '../auth/jwt-sign-in.js';
import { JwtVerifier, remoteKeys } from '../auth/jwt-verifier.js';
import { LOCAL_ISSUER, SessionIssuer } from '../auth/session-issuer.js';
import { SigningKeys } from '../auth/signing-keys.js';
import { BatchRunner } from '../batch/batch-runner.js';
import { OAuthConnectLinks } from '../broker/connect-links.js';
import { OAuthFlow } from '../broker/oauth-flow.js';
import { OAuthProviders } from '../broker/oauth-providers.js';
import { TokenBroker } from '../broker/token-broker.js';
import { TokenRefresher } from '../broker/token-refresher.js';
import type { McpistConfig } from '../config/config-schema.js';
import { ToolDispatcher } from '../mcp/tool-dispatcher.js';
import { closeLogger, createMcpistLogger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { startTracing } from '../observability/tracing.js';
import { guardedAgent, type ResolveHost } from '../outbound/guarded-agent.js';
import { OutboundPolicy } from '../outbound/outbound-policy.js';
import { UpstreamFetcher } from '../outbound/upstream-fetch.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { ModuleCatalog } from '../plugins/module-catalog.js';
import { PluginLoadCodes } from '../plugins/plugin-load-error.js';
import { LimiterPool } from '../runner/rate-limiter.js';
import { ToolRunner } from '../runner/tool-runner.js';
import { KeyRing } from '../secrets/key-ring.js';
import { grantNewModulesToDefaultRoles } from '../sieve/default-masks.js';
import { RoleSieve } from '../sieve/role-sieve.js';
import { type OpenedDatabase, openDatabase, resolveDataDir } from '../store/open-database.js';
import { AllowedUsersRepository } from '../store/repositories/allowed-users-repository.js';
import { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import { AuditLogsRepository } from '../store/repositories/audit-logs-repository.js';
import { AuthAccountsRepository } from '../store/repositories/auth-accounts-repository.js';
import { CredentialsRepository } from '../store/repositories/credentials-repository.js';
import { ModuleRegistryRepository } from '../store/repositories/module-registry-repository.js';
import { OAuthAppsRepository } from '../store/repositories/oauth-apps-repository.js';
import { OAuthStatesRepository } from '../store/repositories/oauth-states-repository.js';
import { PermissionEpochRepository } from '../store/repositories/permission-epoch-repository.js';
import { RolesRepository } from '../store/repositories/roles-repository.js';
import { UsersRepository } from '../store/repositories/users-repository.js';
import { MCPIST_VERSION } from '../version.js';
import { Tokens } from './tokens.js';

export interface ComposeOptions {
  /** `stderr` for stdio mode, where stdout carries the protocol. */
  logStream?: 'stdout' | 'stderr';
  /** Load plugins (serve, stdio, plugins list) or not (token and credential commands). */
  plugins?: boolean;
  /** Resolves upstream host names (tests map names to loopback without DNS); the system resolver by default. */
  resolveHost?: ResolveHost;
  /** A store already being opened (see `openStoreEarly`), so start-up work overlaps module loading. */
  database?: Promise<OpenedDatabase>;
  cwd?: string;
}

const cached = <T>(factory: (c: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory(factory) });

/**
 * The composition root: builds every part once, in dependency order, and
 * registers it under its token in a child container (so tests can run
 * several instances in one process). Start-up work that is independent —
 * opening the store, importing plugins — runs in parallel.
 */
export async function compose(config: McpistConfig, options: ComposeOptions = {}): Promise<DependencyContainer> {
  const c = rootContainer.createChildContainer();
  const logger = createMcpistLogger({
    level: config.logLevel,
    stream: options.logStream ?? 'stdout',
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
  c.register(Tokens.Database, { useValue: db });
  c.register(Tokens.KeyRing, { useValue: ring });
  c.register(Tokens.KeyFile, { useValue: keyFile });
  c.register(Tokens.PluginReport, { useValue: report });
  c.register(
    Tokens.ModuleCatalog,
    cached(() => new ModuleCatalog(report.loaded, config)),
  );
  c.register(
    Tokens.UsersRepository,
    cached((r) => new UsersRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.ApiTokensRepository,
    cached((r) => new ApiTokensRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.CredentialsRepository,
    cached((r) => new CredentialsRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.ModuleRegistryRepository,
    cached((r) => new ModuleRegistryRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.RolesRepository,
    cached((r) => new RolesRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.AuditLogsRepository,
    cached((r) => new AuditLogsRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.AllowedUsersRepository,
    cached((r) => new AllowedUsersRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.AuthAccountsRepository,
    cached((r) => new AuthAccountsRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.PermissionEpochRepository,
    cached((r) => new PermissionEpochRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.ToolSieve,
    cached(
      (r) =>
        new RoleSieve(
          r.resolve(Tokens.ModuleCatalog),
          {
            roles: r.resolve(Tokens.RolesRepository),
            registry: r.resolve(Tokens.ModuleRegistryRepository),
            epoch: r.resolve(Tokens.PermissionEpochRepository),
            audit: r.resolve(Tokens.AuditLogsRepository),
          },
          r.resolve(Tokens.Logger),
        ),
    ),
  );
  c.register(
    Tokens.OAuthAppsRepository,
    cached((r) => new OAuthAppsRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.OAuthProviders,
    cached(
      (r) =>
        new OAuthProviders(
          r.resolve(Tokens.ModuleCatalog),
          r.resolve(Tokens.OAuthAppsRepository),
          r.resolve(Tokens.KeyRing),
        ),
    ),
  );
  c.register(
    Tokens.TokenRefresher,
    cached(
      (r) =>
        new TokenRefresher(
          r.resolve(Tokens.Database),
          r.resolve(Tokens.CredentialsRepository),
          r.resolve(Tokens.OAuthProviders),
          r.resolve(Tokens.KeyRing),
          r.resolve(Tokens.Metrics),
          r.resolve(Tokens.Logger),
          config.publicUrl,
        ),
    ),
  );
  c.register(
    Tokens.OAuthStatesRepository,
    cached((r) => new OAuthStatesRepository(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.OAuthFlow,
    cached(
      (r) =>
        new OAuthFlow(
          r.resolve(Tokens.OAuthProviders),
          r.resolve(Tokens.OAuthStatesRepository),
          r.resolve(Tokens.TokenBroker),
          r.resolve(Tokens.KeyRing),
          r.resolve(Tokens.Logger),
        ),
    ),
  );
  c.register(
    Tokens.TokenBroker,
    cached(
      (r) =>
        new TokenBroker(
          r.resolve(Tokens.CredentialsRepository),
          r.resolve(Tokens.KeyRing),
          r.resolve(Tokens.TokenRefresher),
          config.publicUrl,
        ),
    ),
  );
  c.register(
    Tokens.CredentialSource,
    cached((r) => r.resolve(Tokens.TokenBroker)),
  );
  const outbound = new OutboundPolicy({
    // Base URLs the operator set (config file or MCPIST_PLUGIN_<NAME>_BASE_URL) are trusted as they are.
    trustedOrigins: Object.values(config.pluginSettings).flatMap((settings) =>
      settings.baseUrl ? [settings.baseUrl] : [],
    ),
    allowedHosts: config.upstream.allowedHosts,
  });
  c.register(Tokens.OutboundPolicy, { useValue: outbound });
  c.register(Tokens.UpstreamFetcher, {
    useValue: new UpstreamFetcher(guardedAgent(outbound, options.resolveHost), config.upstream.maxResponseBytes),
  });
  c.register(Tokens.LimiterPool, { useValue: await LimiterPool.create({ redisUrl: config.redisUrl }) });
  c.register(
    Tokens.ToolRunner,
    cached(
      (r) =>
        new ToolRunner(
          r.resolve(Tokens.ToolSieve),
          r.resolve(Tokens.CredentialSource),
          r.resolve(Tokens.LimiterPool),
          r.resolve(Tokens.Logger),
          r.resolve(Tokens.Metrics),
          { maxRecords: config.runner.maxRecords },
          r.resolve(Tokens.UpstreamFetcher),
          r.resolve(Tokens.Tracing).tracer,
        ),
    ),
  );
  c.register(
    Tokens.BatchRunner,
    cached((r) => new BatchRunner(r.resolve(Tokens.ToolRunner), r.resolve(Tokens.ToolSieve), config.batch)),
  );
  c.register(
    Tokens.ToolDispatcher,
    cached(
      (r) =>
        new ToolDispatcher(
          r.resolve(Tokens.ModuleCatalog),
          r.resolve(Tokens.ToolSieve),
          r.resolve(Tokens.ToolRunner),
          r.resolve(Tokens.BatchRunner),
          new OAuthConnectLinks(r.resolve(Tokens.OAuthProviders), r.resolve(Tokens.OAuthFlow)),
        ),
    ),
  );
  const signingKeys = await loadSigningKeys(config, dataDir, cwd);
  c.register(Tokens.SessionIssuer, {
    useValue: new SessionIssuer(signingKeys, config.publicUrl ?? LOCAL_ISSUER, config.jwt.sessionTtlSeconds),
  });
  c.register(
    Tokens.JwtVerifier,
    cached(
      (r) => new JwtVerifier(trustedIssuers(config, r.resolve(Tokens.SessionIssuer)), config.jwt.clockToleranceSeconds),
    ),
  );
  c.register(
    Tokens.JwtSignIn,
    cached((r) => new JwtSignIn(r.resolve(Tokens.Database))),
  );
  c.register(
    Tokens.Authenticator,
    cached(
      (r) =>
        new Authenticator(r.resolve(Tokens.ApiTokensRepository), {
          verifier: r.resolve(Tokens.JwtVerifier),
          signIn: r.resolve(Tokens.JwtSignIn),
        }),
    ),
  );
  c.register(
    Tokens.ApiTokenIssuer,
    cached((r) => new ApiTokenIssuer(r.resolve(Tokens.UsersRepository), r.resolve(Tokens.ApiTokensRepository))),
  );

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

/** MCPist's own issuer always; the configured identity provider when `jwt.jwksUrl` is set. */
function trustedIssuers(config: McpistConfig, own: SessionIssuer) {
  const { jwksUrl, issuer, audience, algorithms } = config.jwt;
  const external =
    jwksUrl && issuer && audience
      ? [{ issuer, audience, algorithms, keys: remoteKeys(jwksUrl), kind: 'external' as const }]
      : [];
  return [...external, own.trusted()];
}

/** Records the loaded and failed plugins; returns the modules seen for the first time. */
async function syncModuleRegistry(c: DependencyContainer): Promise<{ added: string[] }> {
  const report = c.resolve(Tokens.PluginReport);
  return c.resolve(Tokens.ModuleRegistryRepository).sync([
    ...report.loaded.map(({ definition, packageName, packageVersion }) => ({
      moduleName: definition.name,
      displayName: definition.displayName,
      description: definition.description,
      apiVersion: definition.upstreamApiVersion,
      packageName,
      packageVersion,
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

/** Releases what the container holds: limiters, pending audit writes, the database, the trace exporter, log transports. */
export async function disposeContainer(c: DependencyContainer): Promise<void> {
  await c.resolve(Tokens.LimiterPool).close();
  await c.resolve(Tokens.ToolSieve).flush();
  await c.resolve(Tokens.Database).close();
  await c.resolve(Tokens.Tracing).shutdown();
  await closeLogger(c.resolve(Tokens.Logger));
}
