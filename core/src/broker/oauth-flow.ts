import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Logger } from 'winston';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { KeyRing } from '../secrets/key-ring.js';
import type { OAuthStatesRepository } from '../store/repositories/oauth-states-repository.js';
import { clientConfiguration, exchangeCode, OAuthGrantError } from './oauth-client.js';
import type { OAuthProviders } from './oauth-providers.js';
import { lookUpResourceFields } from './resource-lookup.js';
import type { TokenBroker } from './token-broker.js';

/** How long a connect flow may take, from start to callback. */
export const STATE_TTL_MS = 10 * 60_000;

/** This server's OAuth callback for a service: the redirect URI every flow registers. */
export const oauthCallbackUrl = (baseUrl: string, service: string): string =>
  `${baseUrl}/api/services/${encodeURIComponent(service)}/oauth/callback`;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

export interface StartFlow {
  /** Who starts it; for a role's shared credential, the admin connecting it. */
  userId: string;
  /** Set for a role's shared credential. */
  roleId: string | null;
  service: string;
  /** This server's callback URL for the service. */
  redirectUri: string;
}

export interface FinishedFlow {
  service: string;
  userId: string;
  roleId: string | null;
}

/** Thrown for a callback that must not complete: the message is safe to show the user. */
const refused = (message: string, reason: string) =>
  new McpistError(ErrorCodes.UNAUTHORIZED, message, { data: { reason } });

/**
 * The OAuth connect flow (authorization code, PKCE S256 where the provider
 * supports it). `state` is random, stored hashed, bound to user, role and
 * service, single-use and short-lived; provider quirks come from the plugin's
 * declaration (extra authorize parameters, client authentication).
 */
export class OAuthFlow {
  constructor(
    private readonly providers: OAuthProviders,
    private readonly states: OAuthStatesRepository,
    private readonly broker: TokenBroker,
    private readonly keyRing: KeyRing,
    private readonly logger: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async start(flow: StartFlow): Promise<{ authorizeUrl: string; expiresAt: Date }> {
    if (!this.providers.supports(flow.service)) {
      throw new McpistError(ErrorCodes.INVALID_PARAMS, `${flow.service} does not connect with OAuth; use a token`, {
        data: { service: flow.service, reason: 'no_oauth' },
      });
    }
    const provider = await this.providers.get(flow.service);
    if (!provider) {
      throw new McpistError(
        ErrorCodes.UNAUTHORIZED,
        `no OAuth app is configured for ${flow.service}; an admin must set its client id and secret first`,
        { data: { service: flow.service, reason: 'no_oauth_app' } },
      );
    }
    const state = oidc.randomState();
    const verifier = provider.declaration.pkce ? oidc.randomPKCECodeVerifier() : undefined;
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.states.insert(hashState(state), {
      user_id: flow.userId,
      role_id: flow.roleId,
      service: flow.service,
      code_verifier: verifier ? this.keyRing.encrypt(verifier).ciphertext : null,
      redirect_uri: flow.redirectUri,
      expiresAt,
    });
    const parameters: Record<string, string> = {
      redirect_uri: flow.redirectUri,
      response_type: 'code',
      state,
      ...provider.authorizeParams,
    };
    if (provider.scopes.length > 0) parameters.scope = provider.scopes.join(provider.declaration.scopeSeparator ?? ' ');
    if (verifier) {
      parameters.code_challenge = await oidc.calculatePKCECodeChallenge(verifier);
      parameters.code_challenge_method = 'S256';
    }
    const url = oidc.buildAuthorizationUrl(clientConfiguration(provider), parameters);
    return { authorizeUrl: url.toString(), expiresAt };
  }

  /**
   * Completes a flow from the provider's redirect. `callerUserId` is the
   * signed-in user when the callback carries one: it must be the user who
   * started the flow.
   */
  async finish(service: string, callbackUrl: URL, callerUserId?: string): Promise<FinishedFlow> {
    const state = callbackUrl.searchParams.get('state');
    if (!state) throw refused('the callback has no state parameter', 'missing_state');
    const pending = await this.states.consume(hashState(state));
    if (!pending) throw refused('this connect link is unknown or was already used; start again', 'unknown_state');
    if (pending.expires_at.getTime() < Date.now())
      throw refused('this connect link expired; start again', 'expired_state');
    if (pending.service !== service) throw refused('this connect link belongs to another service', 'wrong_service');
    if (callerUserId !== undefined && callerUserId !== pending.user_id) {
      this.logger.warn('security: oauth state presented by another user', {
        event: 'oauth_state_mismatch',
        user_id: callerUserId,
        service,
      });
      throw refused('this connect link was started by another user', 'wrong_user');
    }
    const denied = callbackUrl.searchParams.get('error');
    if (denied) {
      throw refused(`${service} did not grant access: ${denied}`, 'access_denied');
    }
    const provider = await this.providers.get(service);
    if (!provider) throw refused(`no OAuth app is configured for ${service}`, 'no_oauth_app');
    try {
      const tokens = await exchangeCode(
        provider,
        callbackUrl,
        {
          state,
          codeVerifier: pending.code_verifier ? this.keyRing.decrypt(pending.code_verifier) : undefined,
          redirectUri: pending.redirect_uri,
        },
        this.fetchImpl,
      );
      const owner = pending.role_id
        ? { userId: null, roleId: pending.role_id }
        : { userId: pending.user_id, roleId: null };
      const fields = provider.resourceLookup
        ? await lookUpResourceFields(provider.resourceLookup, tokens.accessToken, this.fetchImpl)
        : {};
      await this.broker.setOAuthTokens(owner, service, tokens, fields);
      this.logger.info('service connected', { service, user_id: pending.user_id, shared: pending.role_id !== null });
      return { service, userId: pending.user_id, roleId: pending.role_id };
    } catch (error) {
      if (error instanceof OAuthGrantError) {
        throw new McpistError(ErrorCodes.UNAUTHORIZED, `${service} refused to connect: ${error.message}`, {
          data: { service, reason: 'grant_refused', oauth_error: error.oauthError },
        });
      }
      throw new McpistError(
        ErrorCodes.EXTERNAL_API_ERROR,
        `${service}'s token endpoint failed: ${(error as Error).message}`,
        {
          data: { service },
          cause: error,
        },
      );
    }
  }
}
