import * as oidc from 'openid-client';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { OAuthStatesRepository } from '../store/repositories/oauth-states-repository.js';
import { clientConfiguration, exchangeCode, OAuthGrantError } from './oauth-client.js';
import type { OAuthProvider } from './oauth-providers.js';

/** Where a flow finds a service's OAuth app: the server's OAuthProviders, or the Edge Functions' over the published catalog. */
export interface FlowProviders {
  /** True when some loaded plugin declares OAuth for the service. */
  supports(service: string): boolean;
  get(service: string): Promise<OAuthProvider | undefined>;
}

import { lookUpResourceFields } from './resource-lookup.js';
import { type SecretSealer, toBase64Url } from './secret-cipher.js';
import type { TokenBroker } from './token-broker.js';

/** How long a connect flow may take, from start to callback. */
export const STATE_TTL_MS = 10 * 60_000;

/** This server's OAuth callback for a service: the redirect URI every flow registers. */
export const oauthCallbackUrl = (baseUrl: string, service: string): string =>
  `${baseUrl}/api/services/${encodeURIComponent(service)}/oauth/callback`;

/** MCPist's connect page for a flow: every connect link opens it first (it names the account and service). */
export const connectPageUrl = (baseUrl: string, service: string, state: string): string =>
  `${baseUrl}/connect/${encodeURIComponent(service)}?flow=${encodeURIComponent(state)}`;

/** The Supabase mode's callback for a service: the `oauth-callback` Edge Function (ADR 0042). */
export const edgeCallbackUrl = (brokerUrl: string, service: string): string =>
  `${brokerUrl.replace(/\/+$/, '')}/functions/v1/oauth-callback/${encodeURIComponent(service)}`;

/** SHA-256 as hex, on Web Crypto (the Edge Functions run this file too). */
async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The cookie that binds a flow to the browser that opened its connect page. */
export const browserCookieName = async (state: string): Promise<string> =>
  `mcpist_connect_${(await hashState(state)).slice(0, 16)}`;

const hashState = (state: string) => sha256Hex(state);
const hashSecret = (secret: string) => sha256Hex(`browser:${secret}`);

/** The log lines a flow writes: winston's logger and the Edge Functions' console logger both fit. */
export interface FlowLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

export interface StartFlow {
  /** Who starts it; for a role's shared credential, the admin connecting it. */
  userId: string;
  /** Set for a role's shared credential. */
  roleId: string | null;
  service: string;
  /** This server's base URL (`publicUrl` or the listen address). */
  baseUrl: string;
}

export interface FinishedFlow {
  service: string;
  userId: string;
  roleId: string | null;
}

/** A flow waiting for its browser, as the connect page shows it. */
export interface PendingFlow {
  service: string;
  userId: string;
  roleId: string | null;
  expiresAt: Date;
}

/** What the callback knows about the browser and the caller. */
export interface CallbackContext {
  /** The value of the flow's binding cookie, if the browser sent one. */
  browserSecret: string | undefined;
  /** The signed-in user, when the callback carries a bearer token: it must be the one who started. */
  callerUserId?: string;
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
    private readonly providers: FlowProviders,
    private readonly states: OAuthStatesRepository,
    private readonly broker: TokenBroker,
    private readonly keyRing: SecretSealer,
    private readonly logger: FlowLogger,
    private readonly fetchImpl: typeof fetch = fetch,
    /** Where providers send the browser back; this server's callback route unless set (Supabase mode). */
    private readonly redirectUriOf: (baseUrl: string, service: string) => string = oauthCallbackUrl,
  ) {}

  /** Creates a flow; returns the link to MCPist's connect page for it (never the provider's URL directly). */
  async start(flow: StartFlow): Promise<{ connectUrl: string; expiresAt: Date }> {
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
    await this.states.insert(await hashState(state), {
      user_id: flow.userId,
      role_id: flow.roleId,
      service: flow.service,
      code_verifier: verifier ? (await this.keyRing.encrypt(verifier)).ciphertext : null,
      redirect_uri: this.redirectUriOf(flow.baseUrl, flow.service),
      expiresAt,
    });
    return { connectUrl: connectPageUrl(flow.baseUrl, flow.service, state), expiresAt };
  }

  /** The flow a connect page shows; undefined when unknown, used, expired or for another service. */
  async pending(service: string, state: string): Promise<PendingFlow | undefined> {
    const row = await this.states.find(await hashState(state));
    if (!row || row.service !== service || row.expires_at.getTime() < Date.now()) return undefined;
    return { service, userId: row.user_id, roleId: row.role_id, expiresAt: row.expires_at };
  }

  /**
   * The browser on the connect page chose to go on: binds the flow to a new
   * secret (for its cookie) and returns the provider's authorize URL.
   */
  async authorize(service: string, state: string): Promise<{ authorizeUrl: string; browserSecret: string }> {
    const row = await this.states.find(await hashState(state));
    if (!row || row.service !== service) {
      throw refused('this connect link is unknown or was already used; start again', 'unknown_state');
    }
    if (row.expires_at.getTime() < Date.now()) throw refused('this connect link expired; start again', 'expired_state');
    const provider = await this.providers.get(service);
    if (!provider) throw refused(`no OAuth app is configured for ${service}`, 'no_oauth_app');
    const browserSecret = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    if (!(await this.states.bindBrowser(await hashState(state), await hashSecret(browserSecret)))) {
      throw refused('this connect link is unknown or was already used; start again', 'unknown_state');
    }
    const parameters: Record<string, string> = {
      redirect_uri: row.redirect_uri,
      response_type: 'code',
      state,
      ...provider.authorizeParams,
    };
    if (provider.scopes.length > 0) parameters.scope = provider.scopes.join(provider.declaration.scopeSeparator ?? ' ');
    if (row.code_verifier) {
      parameters.code_challenge = await oidc.calculatePKCECodeChallenge(await this.keyRing.decrypt(row.code_verifier));
      parameters.code_challenge_method = 'S256';
    }
    const url = oidc.buildAuthorizationUrl(clientConfiguration(provider), parameters);
    return { authorizeUrl: url.toString(), browserSecret };
  }

  /**
   * Completes a flow from the provider's redirect. Every check that can fail
   * because of who presents the state — another browser, another signed-in
   * user — runs before the state is used, so a stranger's attempt cannot
   * burn the rightful user's link.
   */
  async finish(service: string, callbackUrl: URL, caller: CallbackContext): Promise<FinishedFlow> {
    const state = callbackUrl.searchParams.get('state');
    if (!state) throw refused('the callback has no state parameter', 'missing_state');
    const stateHash = await hashState(state);
    const found = await this.states.find(stateHash);
    if (!found) throw refused('this connect link is unknown or was already used; start again', 'unknown_state');
    if (found.expires_at.getTime() < Date.now())
      throw refused('this connect link expired; start again', 'expired_state');
    if (found.service !== service) throw refused('this connect link belongs to another service', 'wrong_service');
    const browserHash = caller.browserSecret ? await hashSecret(caller.browserSecret) : undefined;
    if (!browserHash || found.browser_hash === null || browserHash !== found.browser_hash) {
      this.logger.warn('security: oauth callback from a browser that did not open the connect page', {
        event: 'oauth_browser_mismatch',
        service,
      });
      throw refused(
        'this sign-in was not started in this browser: open the connect link from MCPist in this browser and try again',
        'wrong_browser',
      );
    }
    if (caller.callerUserId !== undefined && caller.callerUserId !== found.user_id) {
      this.logger.warn('security: oauth state presented by another user', {
        event: 'oauth_state_mismatch',
        user_id: caller.callerUserId,
        service,
      });
      throw refused('this connect link was started by another user', 'wrong_user');
    }
    const pending = await this.states.consume(stateHash, browserHash);
    if (!pending) throw refused('this connect link is unknown or was already used; start again', 'unknown_state');
    const denied = callbackUrl.searchParams.get('error');
    if (denied) {
      const description = callbackUrl.searchParams.get('error_description');
      throw refused(
        `${service} did not grant access (${denied}${description ? `: ${description.slice(0, 200)}` : ''}); start again to retry`,
        'access_denied',
      );
    }
    const provider = await this.providers.get(service);
    if (!provider) throw refused(`no OAuth app is configured for ${service}`, 'no_oauth_app');
    try {
      // The redirect as registered: openid-client derives the token request's redirect_uri from this URL, and behind
      // a gateway (the Edge Functions) the URL a request arrives at is not the one the provider was given.
      const registered = new URL(pending.redirect_uri);
      registered.search = callbackUrl.search;
      const tokens = await exchangeCode(
        provider,
        registered,
        {
          state,
          codeVerifier: pending.code_verifier ? await this.keyRing.decrypt(pending.code_verifier) : undefined,
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
