import type { InjectionToken } from 'tsyringe';
import type { Agent } from 'undici';
import type { ApiTokenIssuer } from '../auth/api-token-issuer.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { JwtSignIn } from '../auth/jwt-sign-in.js';
import type { JwtVerifier } from '../auth/jwt-verifier.js';
import type { SessionIssuer } from '../auth/session-issuer.js';
import type { SigningKeys } from '../auth/signing-keys.js';
import type { BatchRunner } from '../batch/batch-runner.js';
import type { CredentialSource } from '../broker/credential-source.js';
import type { McpistConfig } from '../config/config-schema.js';
import type { BrowserSessions } from '../http/session/browser-sessions.js';
import type { Completions } from '../mcp/completions.js';
import type { PromptDispatcher } from '../mcp/prompt-dispatcher.js';
import type { ResourceDispatcher } from '../mcp/resource-dispatcher.js';
import type { ToolDispatcher } from '../mcp/tool-dispatcher.js';
import type { OAuthFlow } from '../neutral/oauth-flow.js';
import type { OAuthProviders } from '../neutral/oauth-providers.js';
import type { TokenBroker } from '../neutral/token-broker.js';
import type { TokenRefresher } from '../neutral/token-refresher.js';
import type { LateAccessTokens } from '../oauth-server/late-access-tokens.js';
import type { CallLog } from '../observability/call-log.js';
import type { CallStats } from '../observability/call-stats.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { OtlpMetrics } from '../observability/otlp-metrics.js';
import type { Tracing } from '../observability/tracing.js';
import type { OutboundPolicy } from '../outbound/outbound-policy.js';
import type { UpstreamFetcher } from '../outbound/upstream-fetch.js';
import type { PluginLoadReport } from '../plugins/load-plugins.js';
import type { ModuleCatalog } from '../plugins/module-catalog.js';
import type { LimiterPool } from '../runner/rate-limiter.js';
import type { ToolRunner } from '../runner/tool-runner.js';
import type { KeyRing } from '../secrets/key-ring.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { Database } from '../store/database.js';
import type { AccessRequestsRepository } from '../store/repositories/access-requests-repository.js';
import type { AdminsUnitOfWork } from '../store/repositories/admins-unit-of-work.js';
import type { AllowedUsersRepository } from '../store/repositories/allowed-users-repository.js';
import type { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import type { AuditLogsRepository } from '../store/repositories/audit-logs-repository.js';
import type { AuthAccountsRepository } from '../store/repositories/auth-accounts-repository.js';
import type { BrowserSessionsRepository } from '../store/repositories/browser-sessions-repository.js';
import type { CredentialsRepository } from '../store/repositories/credentials-repository.js';
import type { ModuleRegistryRepository } from '../store/repositories/module-registry-repository.js';
import type { OAuthAppsRepository } from '../store/repositories/oauth-apps-repository.js';
import type { OAuthServerRepository } from '../store/repositories/oauth-server-repository.js';
import type { OAuthStatesRepository } from '../store/repositories/oauth-states-repository.js';
import type { PermissionEpochRepository } from '../store/repositories/permission-epoch-repository.js';
import type { RolesRepository } from '../store/repositories/roles-repository.js';
import type { SealedSecretsRepository } from '../store/repositories/sealed-secrets-repository.js';
import type { TasksRepository } from '../store/repositories/tasks-repository.js';
import type { UsersRepository } from '../store/repositories/users-repository.js';
import type { StoreChanges } from '../store/store-changes.js';

const token = <T>(name: string): InjectionToken<T> => Symbol(`mcpist.${name}`);

/**
 * Explicit injection tokens: esbuild-based runners emit no decorator
 * metadata, so nothing is resolved by constructor type. They are also the
 * service references parts declare in their `deps` (see declared-deps.ts).
 */
export const Tokens = {
  Config: token<McpistConfig>('Config'),
  Logger: token<Logger>('Logger'),
  Metrics: token<Metrics>('Metrics'),
  Database: token<Database>('Database'),
  StoreChanges: token<StoreChanges>('StoreChanges'),
  KeyRing: token<KeyRing>('KeyRing'),
  /** Path of the key file the ring follows; empty for an ephemeral in-memory ring. */
  KeyFile: token<string>('KeyFile'),
  PluginReport: token<PluginLoadReport>('PluginReport'),
  ModuleCatalog: token<ModuleCatalog>('ModuleCatalog'),
  UsersRepository: token<UsersRepository>('UsersRepository'),
  ApiTokensRepository: token<ApiTokensRepository>('ApiTokensRepository'),
  CredentialsRepository: token<CredentialsRepository>('CredentialsRepository'),
  ModuleRegistryRepository: token<ModuleRegistryRepository>('ModuleRegistryRepository'),
  RolesRepository: token<RolesRepository>('RolesRepository'),
  AuditLogsRepository: token<AuditLogsRepository>('AuditLogsRepository'),
  AllowedUsersRepository: token<AllowedUsersRepository>('AllowedUsersRepository'),
  AuthAccountsRepository: token<AuthAccountsRepository>('AuthAccountsRepository'),
  PermissionEpochRepository: token<PermissionEpochRepository>('PermissionEpochRepository'),
  SealedSecretsRepository: token<SealedSecretsRepository>('SealedSecretsRepository'),
  AdminsUnitOfWork: token<AdminsUnitOfWork>('AdminsUnitOfWork'),
  BrowserSessionsRepository: token<BrowserSessionsRepository>('BrowserSessionsRepository'),
  TasksRepository: token<TasksRepository>('TasksRepository'),
  BrowserSessions: token<BrowserSessions>('BrowserSessions'),
  AccessRequestsRepository: token<AccessRequestsRepository>('AccessRequestsRepository'),
  CallStats: token<CallStats>('CallStats'),
  CallLog: token<CallLog>('CallLog'),
  ToolSieve: token<ToolSieve>('ToolSieve'),
  /** The sieve before an OAuth grant's scope narrows it (scope challenges compare against it). */
  RoleSieve: token<ToolSieve>('RoleSieve'),
  OutboundAgent: token<Agent>('OutboundAgent'),
  SigningKeys: token<SigningKeys>('SigningKeys'),
  /** Access tokens of MCPist's own authorization server, bound once the server knows its public URL. */
  AccessTokens: token<LateAccessTokens>('AccessTokens'),
  OAuthAppsRepository: token<OAuthAppsRepository>('OAuthAppsRepository'),
  OAuthProviders: token<OAuthProviders>('OAuthProviders'),
  OAuthStatesRepository: token<OAuthStatesRepository>('OAuthStatesRepository'),
  OAuthServerRepository: token<OAuthServerRepository>('OAuthServerRepository'),
  OAuthFlow: token<OAuthFlow>('OAuthFlow'),
  TokenRefresher: token<TokenRefresher>('TokenRefresher'),
  TokenBroker: token<TokenBroker>('TokenBroker'),
  CredentialSource: token<CredentialSource>('CredentialSource'),
  LimiterPool: token<LimiterPool>('LimiterPool'),
  ToolRunner: token<ToolRunner>('ToolRunner'),
  BatchRunner: token<BatchRunner>('BatchRunner'),
  ToolDispatcher: token<ToolDispatcher>('ToolDispatcher'),
  PromptDispatcher: token<PromptDispatcher>('PromptDispatcher'),
  ResourceDispatcher: token<ResourceDispatcher>('ResourceDispatcher'),
  Completions: token<Completions>('Completions'),
  Authenticator: token<Authenticator>('Authenticator'),
  ApiTokenIssuer: token<ApiTokenIssuer>('ApiTokenIssuer'),
  SessionIssuer: token<SessionIssuer>('SessionIssuer'),
  JwtVerifier: token<JwtVerifier>('JwtVerifier'),
  JwtSignIn: token<JwtSignIn>('JwtSignIn'),
  Tracing: token<Tracing>('Tracing'),
  OtlpMetrics: token<OtlpMetrics>('OtlpMetrics'),
  OutboundPolicy: token<OutboundPolicy>('OutboundPolicy'),
  UpstreamFetcher: token<UpstreamFetcher>('UpstreamFetcher'),
} as const;
