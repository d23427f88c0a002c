import type { InjectionToken } from 'tsyringe';
import { ApiTokenIssuer } from '../auth/api-token-issuer.js';
import { Authenticator } from '../auth/authenticator.js';
import { JwtSignIn } from '../auth/jwt-sign-in.js';
import { JwtVerifier, remoteKeys } from '../auth/jwt-verifier.js';
import type { SessionIssuer } from '../auth/session-issuer.js';
import { TokenOwnerCache } from '../auth/token-owner-cache.js';
import { UserCache } from '../auth/user-cache.js';
import { VerifiedJwtCache } from '../auth/verified-jwt-cache.js';
import { BatchRunner } from '../batch/batch-runner.js';
import { OAuthConnectLinks } from '../broker/connect-links.js';
import { CredentialCache } from '../broker/credential-cache.js';
import { OpenedSecrets } from '../broker/opened-secrets.js';
import { brokerClient, SupabaseCredentialSource } from '../broker/supabase-credential-source.js';
import type { McpistConfig } from '../config/config-schema.js';
import { BrowserSessions } from '../http/session/browser-sessions.js';
import { Completions } from '../mcp/completions.js';
import { PromptDispatcher } from '../mcp/prompt-dispatcher.js';
import { ResourceDispatcher } from '../mcp/resource-dispatcher.js';
import { ToolDispatcher } from '../mcp/tool-dispatcher.js';
import { edgeCallbackUrl, OAuthFlow } from '../neutral/oauth-flow.js';
import { OAuthProviders } from '../neutral/oauth-providers.js';
import { TokenBroker } from '../neutral/token-broker.js';
import { TokenRefresher } from '../neutral/token-refresher.js';
import { CallLog } from '../observability/call-log.js';
import { CallStats } from '../observability/call-stats.js';
import { ModuleCatalog } from '../plugins/module-catalog.js';
import { buildResourceCatalog } from '../plugins/resource-catalog.js';
import { ToolRunner } from '../runner/tool-runner.js';
import { EdgeRoleSieve } from '../sieve/edge-role-sieve.js';
import { RoleSieve } from '../sieve/role-sieve.js';
import { ScopedToolSieve } from '../sieve/scoped-sieve.js';
import { WatchedEpoch } from '../sieve/watched-epoch.js';
import type { Database } from '../store/database.js';
import { AccessRequestsRepository } from '../store/repositories/access-requests-repository.js';
import { AdminsUnitOfWork } from '../store/repositories/admins-unit-of-work.js';
import { AllowedUsersRepository } from '../store/repositories/allowed-users-repository.js';
import { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import { AuditLogsRepository } from '../store/repositories/audit-logs-repository.js';
import { AuthAccountsRepository } from '../store/repositories/auth-accounts-repository.js';
import { BrowserSessionsRepository } from '../store/repositories/browser-sessions-repository.js';
import { CredentialsRepository } from '../store/repositories/credentials-repository.js';
import { ModuleRegistryRepository } from '../store/repositories/module-registry-repository.js';
import { OAuthAppsRepository } from '../store/repositories/oauth-apps-repository.js';
import { OAuthServerRepository } from '../store/repositories/oauth-server-repository.js';
import { OAuthStatesRepository } from '../store/repositories/oauth-states-repository.js';
import { PermissionEpochRepository } from '../store/repositories/permission-epoch-repository.js';
import { RolesRepository } from '../store/repositories/roles-repository.js';
import { SealedSecretsRepository } from '../store/repositories/sealed-secrets-repository.js';
import { TasksRepository } from '../store/repositories/tasks-repository.js';
import { UsersRepository } from '../store/repositories/users-repository.js';
import { type Provider, provide } from './declared-deps.js';
import { Tokens } from './tokens.js';

/** A part of the store built on the database alone. */
const onDatabase = <T>(token: InjectionToken<T>, Store: new (db: Database) => T): Provider =>
  provide(token, { db: Tokens.Database }, ({ db }) => new Store(db));

/** MCPist's own issuer always; the configured identity provider when `jwt.jwksUrl` is set. */
function trustedIssuers(config: McpistConfig, own: SessionIssuer) {
  const { jwksUrl, issuer, audience, algorithms } = config.jwt;
  const external =
    jwksUrl && issuer && audience
      ? [{ issuer, audience, algorithms, keys: remoteKeys(jwksUrl), kind: 'external' as const }]
      : [];
  return [...external, own.trusted()];
}

/**
 * Every service the hub builds from others, as data: its token, the tokens
 * it needs, and how to build it. Each is built once, on first use. The
 * values they start from (config, logger, database, key ring, plugins…) are
 * registered by `compose`.
 */
export const SERVICES: readonly Provider[] = [
  provide(Tokens.ModuleCatalog, { report: Tokens.PluginReport, config: Tokens.Config }, (d) => {
    return new ModuleCatalog(d.report.loaded, d.config);
  }),

  onDatabase(Tokens.UsersRepository, UsersRepository),
  onDatabase(Tokens.ApiTokensRepository, ApiTokensRepository),
  onDatabase(Tokens.CredentialsRepository, CredentialsRepository),
  onDatabase(Tokens.ModuleRegistryRepository, ModuleRegistryRepository),
  onDatabase(Tokens.RolesRepository, RolesRepository),
  onDatabase(Tokens.AuditLogsRepository, AuditLogsRepository),
  onDatabase(Tokens.AllowedUsersRepository, AllowedUsersRepository),
  onDatabase(Tokens.AuthAccountsRepository, AuthAccountsRepository),
  onDatabase(Tokens.PermissionEpochRepository, PermissionEpochRepository),
  onDatabase(Tokens.OAuthAppsRepository, OAuthAppsRepository),
  onDatabase(Tokens.OAuthStatesRepository, OAuthStatesRepository),
  onDatabase(Tokens.OAuthServerRepository, OAuthServerRepository),
  onDatabase(Tokens.SealedSecretsRepository, SealedSecretsRepository),
  onDatabase(Tokens.AdminsUnitOfWork, AdminsUnitOfWork),
  onDatabase(Tokens.BrowserSessionsRepository, BrowserSessionsRepository),
  onDatabase(Tokens.AccessRequestsRepository, AccessRequestsRepository),
  onDatabase(Tokens.TasksRepository, TasksRepository),

  provide(Tokens.ToolSieve, { roles: Tokens.RoleSieve }, ({ roles }) => new ScopedToolSieve(roles)),
  provide(
    Tokens.RoleSieve,
    {
      catalog: Tokens.ModuleCatalog,
      roles: Tokens.RolesRepository,
      registry: Tokens.ModuleRegistryRepository,
      epochs: Tokens.PermissionEpochRepository,
      changes: Tokens.StoreChanges,
      audit: Tokens.AuditLogsRepository,
      logger: Tokens.Logger,
      config: Tokens.Config,
    },
    ({ catalog, logger, epochs, changes, config, ...store }) => {
      const sieveStore = { ...store, epoch: new WatchedEpoch(epochs, changes) };
      // Supabase mode (ADR 0042): the tool-sieve Edge Function answers, once per user and permission epoch.
      return config.tokenBrokerUrl && config.tokenBrokerKey
        ? new EdgeRoleSieve(catalog, sieveStore, logger, brokerClient(config.tokenBrokerUrl, config.tokenBrokerKey))
        : new RoleSieve(catalog, sieveStore, logger);
    },
  ),
  provide(
    Tokens.OAuthProviders,
    { catalog: Tokens.ModuleCatalog, apps: Tokens.OAuthAppsRepository, keyRing: Tokens.KeyRing },
    (d) => new OAuthProviders(d.catalog, d.apps, d.keyRing),
  ),
  provide(
    Tokens.TokenRefresher,
    {
      credentials: Tokens.CredentialsRepository,
      providers: Tokens.OAuthProviders,
      keyRing: Tokens.KeyRing,
      metrics: Tokens.Metrics,
      logger: Tokens.Logger,
      config: Tokens.Config,
    },
    (d) => new TokenRefresher(d.credentials, d.providers, d.keyRing, d.metrics, d.logger, d.config.publicUrl),
  ),
  provide(
    Tokens.OAuthFlow,
    {
      providers: Tokens.OAuthProviders,
      states: Tokens.OAuthStatesRepository,
      broker: Tokens.TokenBroker,
      keyRing: Tokens.KeyRing,
      logger: Tokens.Logger,
      config: Tokens.Config,
    },
    (d) => {
      // Supabase mode (ADR 0042): providers send the browser back to the oauth-callback Edge Function.
      const brokerUrl = d.config.tokenBrokerUrl;
      return brokerUrl
        ? new OAuthFlow(d.providers, d.states, d.broker, d.keyRing, d.logger, fetch, (_base, service) =>
            edgeCallbackUrl(brokerUrl, service),
          )
        : new OAuthFlow(d.providers, d.states, d.broker, d.keyRing, d.logger);
    },
  ),
  provide(
    Tokens.TokenBroker,
    {
      credentials: Tokens.CredentialsRepository,
      keyRing: Tokens.KeyRing,
      refresher: Tokens.TokenRefresher,
      config: Tokens.Config,
      changes: Tokens.StoreChanges,
    },
    (d) =>
      new TokenBroker(
        d.credentials,
        new OpenedSecrets(d.keyRing, d.changes),
        d.refresher,
        d.config.publicUrl,
        new CredentialCache(d.credentials, d.changes),
      ),
  ),
  provide(
    Tokens.CredentialSource,
    { broker: Tokens.TokenBroker, config: Tokens.Config, changes: Tokens.StoreChanges },
    // Supabase mode (ADR 0042): the token-exchanger Edge Function resolves and refreshes credentials.
    ({ broker, config, changes }) =>
      config.tokenBrokerUrl && config.tokenBrokerKey
        ? new SupabaseCredentialSource(brokerClient(config.tokenBrokerUrl, config.tokenBrokerKey), changes)
        : broker,
  ),
  provide(
    Tokens.ToolRunner,
    {
      sieve: Tokens.ToolSieve,
      credentials: Tokens.CredentialSource,
      limiters: Tokens.LimiterPool,
      logger: Tokens.Logger,
      metrics: Tokens.Metrics,
      config: Tokens.Config,
      tracing: Tokens.Tracing,
      upstream: Tokens.UpstreamFetcher,
      calls: Tokens.CallLog,
    },
    (d) =>
      new ToolRunner(
        d.sieve,
        d.credentials,
        d.limiters,
        d.logger,
        d.metrics,
        { maxRecords: d.config.runner.maxRecords },
        d.upstream,
        d.tracing.tracer,
        d.calls,
      ),
  ),
  provide(
    Tokens.BatchRunner,
    { runner: Tokens.ToolRunner, sieve: Tokens.ToolSieve, config: Tokens.Config },
    (d) => new BatchRunner(d.runner, d.sieve, d.config.batch),
  ),
  provide(
    Tokens.Completions,
    { runner: Tokens.ToolRunner, config: Tokens.Config },
    (d) => new Completions(d.runner, d.config),
  ),
  provide(
    Tokens.PromptDispatcher,
    { catalog: Tokens.ModuleCatalog, sieve: Tokens.ToolSieve, config: Tokens.Config, completions: Tokens.Completions },
    (d) => new PromptDispatcher(d.catalog, d.sieve, { listPageSize: d.config.listPageSize }, d.completions),
  ),
  provide(
    Tokens.ResourceDispatcher,
    {
      catalog: Tokens.ModuleCatalog,
      sieve: Tokens.ToolSieve,
      runner: Tokens.ToolRunner,
      completions: Tokens.Completions,
      config: Tokens.Config,
    },
    (d) =>
      new ResourceDispatcher(buildResourceCatalog(d.catalog, d.config), d.sieve, d.runner, d.completions, {
        listPageSize: d.config.listPageSize,
      }),
  ),
  provide(
    Tokens.ToolDispatcher,
    {
      catalog: Tokens.ModuleCatalog,
      sieve: Tokens.ToolSieve,
      runner: Tokens.ToolRunner,
      batch: Tokens.BatchRunner,
      providers: Tokens.OAuthProviders,
      flow: Tokens.OAuthFlow,
      config: Tokens.Config,
    },
    (d) =>
      new ToolDispatcher(
        d.catalog,
        d.sieve,
        d.runner,
        d.batch,
        { listPageSize: d.config.listPageSize },
        new OAuthConnectLinks(d.providers, d.flow),
      ),
  ),
  provide(
    Tokens.JwtVerifier,
    { config: Tokens.Config, session: Tokens.SessionIssuer },
    (d) => new JwtVerifier(trustedIssuers(d.config, d.session), d.config.jwt.clockToleranceSeconds),
  ),
  provide(
    Tokens.JwtSignIn,
    {
      users: Tokens.UsersRepository,
      changes: Tokens.StoreChanges,
      accounts: Tokens.AuthAccountsRepository,
      allowed: Tokens.AllowedUsersRepository,
      admins: Tokens.AdminsUnitOfWork,
    },
    ({ users, changes, ...store }) => new JwtSignIn({ ...store, users: new UserCache(users, changes) }),
  ),
  provide(
    Tokens.Authenticator,
    {
      apiTokens: Tokens.ApiTokensRepository,
      changes: Tokens.StoreChanges,
      verifier: Tokens.JwtVerifier,
      signIn: Tokens.JwtSignIn,
      accessTokens: Tokens.AccessTokens,
    },
    ({ apiTokens, changes, verifier, signIn, accessTokens }) =>
      new Authenticator(
        new TokenOwnerCache(apiTokens, changes),
        { verifier: new VerifiedJwtCache(verifier), signIn },
        accessTokens,
      ),
  ),
  provide(Tokens.CallStats, { metrics: Tokens.Metrics }, (d) => new CallStats(d.metrics)),
  provide(
    Tokens.CallLog,
    { audit: Tokens.AuditLogsRepository, logger: Tokens.Logger },
    (d) => new CallLog(d.audit, d.logger),
  ),
  provide(
    Tokens.BrowserSessions,
    { sessions: Tokens.BrowserSessionsRepository, users: Tokens.UsersRepository, admins: Tokens.AdminsUnitOfWork },
    (d) => new BrowserSessions(d.sessions, d.users, d.admins),
  ),
  provide(
    Tokens.ApiTokenIssuer,
    { users: Tokens.UsersRepository, apiTokens: Tokens.ApiTokensRepository },
    (d) => new ApiTokenIssuer(d.users, d.apiTokens),
  ),
];
