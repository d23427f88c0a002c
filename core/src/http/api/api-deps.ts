import type { DependencyContainer } from 'tsyringe';
import type { Logger } from 'winston';
import type { ApiTokenIssuer } from '../../auth/api-token-issuer.js';
import type { Authenticator } from '../../auth/authenticator.js';
import type { OAuthFlow } from '../../broker/oauth-flow.js';
import type { OAuthProviders } from '../../broker/oauth-providers.js';
import type { TokenBroker } from '../../broker/token-broker.js';
import { Tokens } from '../../container/tokens.js';
import type { OutboundPolicy } from '../../outbound/outbound-policy.js';
import type { ModuleCatalog } from '../../plugins/module-catalog.js';
import type { KeyRing } from '../../secrets/key-ring.js';
import type { ToolSieve } from '../../sieve/tool-sieve.js';
import type { Database } from '../../store/database.js';
import type { AllowedUsersRepository } from '../../store/repositories/allowed-users-repository.js';
import type { ApiTokensRepository } from '../../store/repositories/api-tokens-repository.js';
import type { AuditLogsRepository } from '../../store/repositories/audit-logs-repository.js';
import type { CredentialsRepository } from '../../store/repositories/credentials-repository.js';
import type { ModuleRegistryRepository } from '../../store/repositories/module-registry-repository.js';
import type { OAuthAppsRepository } from '../../store/repositories/oauth-apps-repository.js';
import type { RolesRepository } from '../../store/repositories/roles-repository.js';
import type { UsersRepository } from '../../store/repositories/users-repository.js';

/** Everything the admin API's routes use. */
export interface ApiDeps {
  db: Database;
  authenticator: Authenticator;
  sieve: ToolSieve;
  catalog: ModuleCatalog;
  users: UsersRepository;
  allowedUsers: AllowedUsersRepository;
  roles: RolesRepository;
  registry: ModuleRegistryRepository;
  audit: AuditLogsRepository;
  apiTokens: ApiTokensRepository;
  credentials: CredentialsRepository;
  issuer: ApiTokenIssuer;
  broker: TokenBroker;
  oauthFlow: OAuthFlow;
  oauthApps: OAuthAppsRepository;
  outboundPolicy: OutboundPolicy;
  oauthProviders: OAuthProviders;
  keyRing: KeyRing;
  logger: Logger;
  version: string;
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  maxBodyBytes: number;
}

/** Resolves the API's parts from the composed container. */
export function apiDepsFrom(
  c: DependencyContainer,
  settings: Pick<ApiDeps, 'version' | 'publicUrl' | 'maxBodyBytes'>,
): ApiDeps {
  return {
    db: c.resolve(Tokens.Database),
    authenticator: c.resolve(Tokens.Authenticator),
    sieve: c.resolve(Tokens.ToolSieve),
    catalog: c.resolve(Tokens.ModuleCatalog),
    users: c.resolve(Tokens.UsersRepository),
    allowedUsers: c.resolve(Tokens.AllowedUsersRepository),
    roles: c.resolve(Tokens.RolesRepository),
    registry: c.resolve(Tokens.ModuleRegistryRepository),
    audit: c.resolve(Tokens.AuditLogsRepository),
    apiTokens: c.resolve(Tokens.ApiTokensRepository),
    credentials: c.resolve(Tokens.CredentialsRepository),
    issuer: c.resolve(Tokens.ApiTokenIssuer),
    broker: c.resolve(Tokens.TokenBroker),
    oauthFlow: c.resolve(Tokens.OAuthFlow),
    oauthApps: c.resolve(Tokens.OAuthAppsRepository),
    outboundPolicy: c.resolve(Tokens.OutboundPolicy),
    oauthProviders: c.resolve(Tokens.OAuthProviders),
    keyRing: c.resolve(Tokens.KeyRing),
    logger: c.resolve(Tokens.Logger),
    ...settings,
  };
}
