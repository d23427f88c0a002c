import type { Principal } from '../auth/principal.js';
import type { CredentialLookup } from '../broker/credential-cache.js';
import type { CredentialSource, ResolvedCredential } from '../broker/credential-source.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type {
  CredentialOwner,
  CredentialRow,
  CredentialsRepository,
} from '../store/repositories/credentials-repository.js';
import { connectHint } from './connect-hint.js';
import type { OAuthTokens } from './oauth-client.js';
import type { SecretSealer } from './secret-cipher.js';
import { isExpiring, type TokenRefresher } from './token-refresher.js';

/**
 * The store-backed Token Broker: finds a principal's credential (personal
 * first, then a role's shared one), refreshes OAuth tokens before they lapse
 * or after an upstream rejects them, and decrypts for one call only.
 */
export class TokenBroker implements CredentialSource {
  /** The stored ciphertext each handed-out credential came from; the runner never sees it. */
  private readonly sealedOf = new WeakMap<ResolvedCredential, string>();

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly keyRing: SecretSealer,
    private readonly refresher: TokenRefresher,
    private readonly publicUrl: string | undefined,
    /** Where `credentialFor` reads (a cache in the server); the repository itself by default. */
    private readonly lookup: CredentialLookup = credentials,
  ) {}

  async credentialFor(principal: Principal, service: string): Promise<ResolvedCredential | undefined> {
    let row = await this.lookup.findForUser(principal.userId, service);
    if (!row) return undefined;
    if (row.status === 'needs_reauth') throw this.needsReauth(service, principal.email);
    if (isExpiring(row)) row = await this.refresher.refresh(row);
    return this.resolve(row);
  }

  /**
   * An upstream rejected `rejectedToken`, the plaintext access token a remote
   * caller was given (the Supabase adapter): refreshes once unless the stored
   * token already differs (refreshed meanwhile), and returns the credential to
   * retry with; undefined for a type-A token or no credential.
   */
  async refreshRejectedToken(
    principal: Principal,
    service: string,
    rejectedToken: string,
  ): Promise<ResolvedCredential | undefined> {
    const row = await this.credentials.findForUser(principal.userId, service);
    if (row?.kind !== 'oauth2') return undefined;
    if (row.status === 'needs_reauth') throw this.needsReauth(service, principal.email);
    const current = await this.keyRing.decrypt(row.secret);
    if (current !== rejectedToken) return this.resolve(row);
    return this.resolve(await this.refresher.refresh(row, { rejectedSecret: row.secret }));
  }

  async refreshAfterRejection(
    _principal: Principal,
    rejected: ResolvedCredential,
  ): Promise<ResolvedCredential | undefined> {
    if (rejected.credential.kind !== 'oauth2') return undefined;
    const sealed = this.sealedOf.get(rejected);
    const row = await this.credentials.findById(rejected.accountId);
    if (!row || sealed === undefined) return undefined;
    return this.resolve(await this.refresher.refresh(row, { rejectedSecret: sealed }));
  }

  /** Stores (or replaces) a user's type-A token for a service, encrypted. */
  async setPersonalToken(
    userId: string,
    service: string,
    token: string,
    fields: Record<string, string> = {},
  ): Promise<void> {
    await this.setToken({ userId, roleId: null }, service, token, fields);
  }

  /** Stores a type-A token for a user (personal) or a role (shared). */
  async setToken(owner: CredentialOwner, service: string, token: string, fields: Record<string, string> = {}) {
    const { ciphertext, keyId } = await this.keyRing.encrypt(token);
    return this.credentials.upsert(owner, service, { kind: 'token', secret: ciphertext, keyId, fields });
  }

  /** Stores the tokens of a finished OAuth flow, encrypted. */
  async setOAuthTokens(owner: CredentialOwner, service: string, tokens: OAuthTokens, fields: Record<string, string>) {
    const access = await this.keyRing.encrypt(tokens.accessToken);
    return this.credentials.upsert(owner, service, {
      kind: 'oauth2',
      secret: access.ciphertext,
      refreshSecret: tokens.refreshToken ? (await this.keyRing.encrypt(tokens.refreshToken)).ciphertext : null,
      keyId: access.keyId,
      fields: { ...tokens.extras, ...fields },
      scopes: tokens.scopes ?? null,
      expiresAt: tokens.expiresAt,
    });
  }

  /** Deletes a user's (personal) or a role's (shared) credential for a service. */
  removeCredential(owner: CredentialOwner, service: string): Promise<boolean> {
    return this.credentials.delete(owner, service);
  }

  private async resolve(row: CredentialRow): Promise<ResolvedCredential> {
    const resolved: ResolvedCredential = {
      accountId: row.id,
      scope: row.user_id ? 'personal' : 'shared',
      expiresAt: row.expires_at,
      credential: {
        kind: row.kind,
        token: await this.keyRing.decrypt(row.secret),
        fields: row.fields ?? {},
        ...(row.scopes ? { scopes: row.scopes } : {}),
      },
    };
    this.sealedOf.set(resolved, row.secret);
    return resolved;
  }

  private needsReauth(service: string, email: string): McpistError {
    const hint = connectHint(service, this.publicUrl, email);
    return new McpistError(
      ErrorCodes.TOKEN_REFRESH_FAILED,
      `${service} needs to be connected again (the provider no longer accepts the stored grant): ${hint.text}`,
      { data: { service, reason: 'needs_reauth', connect_url: hint.url } },
    );
  }
}
