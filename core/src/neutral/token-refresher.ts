import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { CredentialRow, CredentialsRepository } from '../store/repositories/credentials-repository.js';
import { connectHint } from './connect-hint.js';
import { OAuthGrantError, refreshTokens } from './oauth-client.js';
import type { OAuthProvider } from './oauth-providers.js';
import type { SecretSealer } from './secret-cipher.js';

/** Where the refresher finds a service's OAuth app: the server's plugins, or the published catalog (Edge Functions). */
export interface OAuthProviderSource {
  get(service: string): Promise<OAuthProvider | undefined>;
}

/** The refresh counter of the server's metrics; the Edge Functions count nothing. */
export interface RefreshMetrics {
  tokenRefreshTotal: { inc(labels: { service: string; result: string }): void };
}

/** The two log levels a refresh writes; winston's logger and the Edge Functions' console logger both fit. */
export interface RefreshLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}

/** Refresh this long before the provider's expiry, so no call goes out with a token about to lapse. */
export const REFRESH_SKEW_MS = 5 * 60_000;
const TOKEN_ENDPOINT_TIMEOUT_MS = 15_000;

/** True when an OAuth credential expires within the skew. */
export function isExpiring(row: Pick<CredentialRow, 'kind' | 'expires_at'>, now = Date.now()): boolean {
  return row.kind === 'oauth2' && row.expires_at !== null && row.expires_at.getTime() - now <= REFRESH_SKEW_MS;
}

export interface RefreshRequest {
  /** The access-token ciphertext an upstream just rejected (refresh on 401); absent for a proactive refresh. */
  rejectedSecret?: string;
}

/**
 * Refreshes OAuth credentials exactly once however many calls need it at the
 * same moment: calls in this process share one promise per credential (and
 * queue behind it for a different reason), and instances sharing a
 * PostgreSQL database queue on the credential's row lock, then find the work
 * already done. The new access token and any rotated refresh token are saved
 * in the same transaction that held the lock.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<CredentialRow>>();
  private readonly lastForCredential = new Map<string, Promise<CredentialRow>>();

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly providers: OAuthProviderSource,
    private readonly keyRing: SecretSealer,
    private readonly metrics: RefreshMetrics,
    private readonly logger: RefreshLogger,
    private readonly publicUrl: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  refresh(row: CredentialRow, request: RefreshRequest = {}): Promise<CredentialRow> {
    const key = `${row.id}:${request.rejectedSecret ?? 'expiring'}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    // A different need for the same credential (expiring vs. rejected) waits for the refresh under way,
    // then finds the work done instead of presenting a refresh token that refresh just rotated.
    const before = this.lastForCredential.get(row.id) ?? Promise.resolve();
    const work: Promise<CredentialRow> = before
      .catch(() => undefined)
      .then(() => this.refreshOnce(row, request))
      .finally(() => {
        this.inFlight.delete(key);
        if (this.lastForCredential.get(row.id) === work) this.lastForCredential.delete(row.id);
      });
    this.inFlight.set(key, work);
    this.lastForCredential.set(row.id, work);
    return work;
  }

  private async refreshOnce(row: CredentialRow, request: RefreshRequest): Promise<CredentialRow> {
    const service = row.service;
    try {
      const provider = await this.providers.get(service);
      return await this.credentials.whileRefreshing(row.id, async ({ current, save }) => {
        if (!current) throw this.reconnect(service, 'the credential was removed');
        if (current.status === 'needs_reauth')
          throw this.reconnect(service, 'the credential needs to be connected again');
        const alreadyDone = request.rejectedSecret ? current.secret !== request.rejectedSecret : !isExpiring(current);
        if (alreadyDone) return current;
        if (!provider) {
          throw new McpistError(
            ErrorCodes.TOKEN_REFRESH_FAILED,
            `${service}'s access token expired and no OAuth app is configured for ${service}; an admin must set its client id and secret.`,
            { data: { service, reason: 'no_oauth_app' } },
          );
        }
        if (!current.refresh_secret)
          throw new OAuthGrantError('no_refresh_token', 'the provider gave no refresh token');
        const tokens = await refreshTokens(provider, await this.keyRing.decrypt(current.refresh_secret), (url, init) =>
          this.fetchImpl(url, { ...init, signal: AbortSignal.timeout(TOKEN_ENDPOINT_TIMEOUT_MS) }),
        );
        const access = await this.keyRing.encrypt(tokens.accessToken);
        const rotated = tokens.refreshToken ? (await this.keyRing.encrypt(tokens.refreshToken)).ciphertext : null;
        const sealed = {
          secret: access.ciphertext,
          // A rotated refresh token is sealed under the active key; keep the old one's key id otherwise consistent.
          refreshSecret: rotated ?? (current.refresh_secret ? await this.keyRing.reseal(current.refresh_secret) : null),
          keyId: access.keyId,
          expiresAt: tokens.expiresAt,
          ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
        };
        await save(sealed);
        this.metrics.tokenRefreshTotal.inc({ service, result: 'success' });
        this.logger.info('token refreshed', { service, account_id: current.id, rotated: rotated !== null });
        return {
          ...current,
          secret: sealed.secret,
          refresh_secret: sealed.refreshSecret,
          expires_at: sealed.expiresAt,
        };
      });
    } catch (error) {
      if (error instanceof OAuthGrantError) {
        await this.credentials.markNeedsReauth(row.id, error.oauthError);
        this.metrics.tokenRefreshTotal.inc({ service, result: 'invalid_grant' });
        this.logger.error('token refresh failed: reconnect needed', {
          severity: 'critical',
          service,
          account_id: row.id,
          oauth_error: error.oauthError,
        });
        throw this.reconnect(service, `the provider refused the refresh (${error.oauthError})`);
      }
      if (error instanceof McpistError) throw error;
      this.metrics.tokenRefreshTotal.inc({ service, result: 'error' });
      this.logger.error('token refresh failed', {
        severity: 'critical',
        service,
        account_id: row.id,
        error: (error as Error).message,
      });
      throw new McpistError(
        ErrorCodes.TOKEN_REFRESH_FAILED,
        `${service}'s access token could not be refreshed (${(error as Error).message}); try again in a minute.`,
        { data: { service, reason: 'refresh_error' }, cause: error },
      );
    }
  }

  private reconnect(service: string, why: string): McpistError {
    const hint = connectHint(service, this.publicUrl);
    return new McpistError(
      ErrorCodes.TOKEN_REFRESH_FAILED,
      `${service}: ${why}; connect ${service} again: ${hint.text}`,
      {
        data: { service, reason: 'needs_reauth', connect_url: hint.url },
      },
    );
  }
}
