import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ErrorCodes } from '../../../core/src/errors/error-codes.js';
import { McpistError } from '../../../core/src/errors/mcpist-error.js';
import type { FlowProviders } from '../../../core/src/neutral/oauth-flow.js';
import { type OAuthProvider, OAuthProviders } from '../../../core/src/neutral/oauth-providers.js';
import { catalogFromPublished, type PublishedRegistryRow } from '../../../core/src/neutral/published-catalog.js';
import { SecretCipher } from '../../../core/src/neutral/secret-cipher.js';
import { TokenBroker } from '../../../core/src/neutral/token-broker.js';
import { type OAuthProviderSource, TokenRefresher } from '../../../core/src/neutral/token-refresher.js';
import type { Database } from '../../../core/src/store/database.js';
import { AuthAccountsRepository } from '../../../core/src/store/repositories/auth-accounts-repository.js';
import { CredentialsRepository } from '../../../core/src/store/repositories/credentials-repository.js';
import { OAuthAppsRepository } from '../../../core/src/store/repositories/oauth-apps-repository.js';
import { RolesRepository } from '../../../core/src/store/repositories/roles-repository.js';
import { UsersRepository } from '../../../core/src/store/repositories/users-repository.js';
import { openFunctionDatabase } from './database.js';

/** The secrets and settings every function reads (`supabase secrets set`, docs/setup/cloud.md). */
export interface FunctionEnv {
  /** The shared secret the MCP server presents (its TOKEN_BROKER_KEY). */
  TOKEN_BROKER_KEY?: string | undefined;
  /** Supabase sets it for every function: the database, as the `postgres` role. */
  SUPABASE_DB_URL?: string | undefined;
  /** Supabase sets it: the project URL; its Auth JWKS and issuer follow from it. */
  SUPABASE_URL?: string | undefined;
  /** The key ring, as the server's key file holds it: {"active": "<id>", "keys": {"<id>": "<base64>"}}. */
  MCPIST_KEY_RING?: string | undefined;
  /** Overrides `<SUPABASE_URL>/auth/v1/.well-known/jwks.json` and its issuer (tests, another identity provider). */
  MCPIST_JWKS_URL?: string | undefined;
  MCPIST_JWT_ISSUER?: string | undefined;
  /** The MCP server's public URL, for the reconnect hints of refusals. */
  MCPIST_PUBLIC_URL?: string | undefined;
}

/** The function's secrets are missing or unusable; its message names them, never their values. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Who called a function. */
export type Caller = { kind: 'server' } | { kind: 'user'; userId: string; email: string };

/** How long the published catalog is kept before it is read again (a server start publishes a new one). */
const CATALOG_TTL_MS = 30_000;

const refuse = (message: string) => new McpistError(ErrorCodes.UNAUTHORIZED, message);

/** Equal strings, compared in time independent of where they differ (over their SHA-256 digests). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const digest = async (value: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= (x[i] as number) ^ (y[i] as number);
  return difference === 0;
}

/** Logs as JSON lines on the function's console; callers pass no secret (the refresher logs ids only). */
const consoleLogger = {
  info: (message: string, meta: Record<string, unknown> = {}) =>
    console.log(JSON.stringify({ level: 'info', message, ...meta })),
  error: (message: string, meta: Record<string, unknown> = {}) =>
    console.error(JSON.stringify({ level: 'error', message, ...meta })),
};

/**
 * What the functions share within one isolate: the database, the key ring and
 * the core's broker and repositories built on them, made once.
 */
export class FunctionContext {
  readonly db: Database;
  readonly cipher: SecretCipher;
  readonly credentials: CredentialsRepository;
  readonly roles: RolesRepository;
  readonly users: UsersRepository;
  readonly accounts: AuthAccountsRepository;
  readonly broker: TokenBroker;
  /** OAuth endpoints from the published catalog joined with the admin's OAuth app (its secret decrypted here). */
  readonly providers: FlowProviders;
  readonly publicUrl: string | undefined;
  private readonly brokerKey: string;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly issuer: string;
  private catalog: { at: number; value: Promise<ReturnType<typeof catalogFromPublished>> } | undefined;

  constructor(env: FunctionEnv) {
    const missing = (['TOKEN_BROKER_KEY', 'SUPABASE_DB_URL', 'MCPIST_KEY_RING'] as const).filter((name) => !env[name]);
    if (!env.SUPABASE_URL && !env.MCPIST_JWKS_URL) missing.push('SUPABASE_URL' as never);
    if (missing.length > 0) throw new ConfigurationError(`the Edge Functions need the secrets ${missing.join(', ')}`);
    this.brokerKey = env.TOKEN_BROKER_KEY as string;
    this.db = openFunctionDatabase(env.SUPABASE_DB_URL as string);
    try {
      this.cipher = SecretCipher.fromJson(env.MCPIST_KEY_RING as string);
    } catch (error) {
      throw new ConfigurationError(`MCPIST_KEY_RING: ${(error as Error).message}`);
    }
    const auth = `${(env.SUPABASE_URL ?? '').replace(/\/+$/, '')}/auth/v1`;
    this.jwks = createRemoteJWKSet(new URL(env.MCPIST_JWKS_URL ?? `${auth}/.well-known/jwks.json`));
    this.issuer = env.MCPIST_JWT_ISSUER ?? auth;
    this.publicUrl = env.MCPIST_PUBLIC_URL;
    this.credentials = new CredentialsRepository(this.db);
    this.roles = new RolesRepository(this.db);
    this.users = new UsersRepository(this.db);
    this.accounts = new AuthAccountsRepository(this.db);
    const apps = new OAuthAppsRepository(this.db);
    this.providers = publishedProviders(() => this.publishedCatalog(), apps, this.cipher);
    const providers: OAuthProviderSource = this.providers;
    const metrics = { tokenRefreshTotal: { inc: () => {} } };
    const refresher = new TokenRefresher(
      this.credentials,
      providers,
      this.cipher,
      metrics,
      consoleLogger,
      this.publicUrl,
    );
    this.broker = new TokenBroker(this.credentials, this.cipher, refresher, this.publicUrl);
  }

  /** The catalog the MCP server published (module_registry.catalog), read at most every 30 s. */
  publishedCatalog(): Promise<ReturnType<typeof catalogFromPublished>> {
    const now = Date.now();
    if (!this.catalog || now - this.catalog.at > CATALOG_TTL_MS) {
      const value = this.db
        .query<PublishedRegistryRow>(
          'select module_name, display_name, description, api_version, status, catalog from public.module_registry',
        )
        .then(catalogFromPublished);
      value.catch(() => {
        if (this.catalog?.value === value) this.catalog = undefined;
      });
      this.catalog = { at: now, value };
    }
    return this.catalog.value;
  }

  /**
   * The caller: the MCP server (`Authorization: Bearer <TOKEN_BROKER_KEY>`), or
   * a user by a Supabase JWT verified against the JWKS and linked to an MCPist
   * user (auth_accounts). Anything else is refused.
   */
  async authenticate(request: Request): Promise<Caller> {
    const header = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!bearer) throw refuse('missing Authorization: Bearer <token broker key or user JWT>');
    if (await sameSecret(bearer, this.brokerKey)) return { kind: 'server' };
    if (bearer.split('.').length !== 3) throw refuse('the token broker key is wrong');
    let subject: string;
    try {
      const { payload } = await jwtVerify(bearer, this.jwks, { issuer: this.issuer, audience: 'authenticated' });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no subject');
      subject = payload.sub;
    } catch {
      throw new McpistError(
        ErrorCodes.INVALID_JWT,
        'the user token is not valid (signature, issuer, audience or expiry)',
      );
    }
    const userId = await this.accounts.findUserId(this.issuer, subject);
    const user = userId ? await this.users.findById(userId) : undefined;
    if (!user) throw refuse('this user has not signed in to MCPist yet');
    return { kind: 'user', userId: user.id, email: user.email };
  }
}

/**
 * The core's OAuthProviders over the catalog the server published: its
 * declarations are read again when the catalog is (a server start may load
 * other plugins).
 */
function publishedProviders(
  catalog: () => Promise<ReturnType<typeof catalogFromPublished>>,
  apps: OAuthAppsRepository,
  cipher: SecretCipher,
): FlowProviders {
  const current = async () => new OAuthProviders(await catalog(), apps, cipher);
  return {
    get: async (service: string): Promise<OAuthProvider | undefined> => (await current()).get(service),
    // Only a flow's start asks, and flows start on the server, which knows its plugins.
    supports: () => true,
  };
}

let shared: FunctionContext | undefined;

/** The isolate's context, made on first use from the function's environment. */
export function functionContext(env: () => FunctionEnv): FunctionContext {
  shared ??= new FunctionContext(env());
  return shared;
}
