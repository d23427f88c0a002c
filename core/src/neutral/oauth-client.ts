import * as oidc from 'openid-client';
import type { OAuthProvider } from './oauth-providers.js';

/** Tokens from a provider's token endpoint. */
export interface OAuthTokens {
  accessToken: string;
  /** A rotated refresh token, when the provider sent one. */
  refreshToken: string | undefined;
  expiresAt: Date | null;
  scopes: string[] | undefined;
  /** Non-secret extras some providers return (Notion's workspace id, ...). */
  extras: Record<string, string>;
}

/** The provider refused the grant for good (revoked, expired, wrong verifier): the user must connect again. */
export class OAuthGrantError extends Error {
  constructor(
    readonly oauthError: string,
    readonly description: string | undefined,
  ) {
    super(`the provider refused the grant: ${oauthError}${description ? ` (${description})` : ''}`);
    this.name = 'OAuthGrantError';
  }
}

/** The token endpoint could not be reached or answered something unusable; worth trying again later. */
export class OAuthTransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OAuthTransientError';
  }
}

const EXTRA_FIELDS = ['workspace_id', 'workspace_name', 'bot_id', 'cloud_id'];

/** An openid-client configuration for a provider described by endpoints, not discovery. */
export function clientConfiguration(provider: OAuthProvider, fetchImpl?: typeof fetch): oidc.Configuration {
  const issuer = new URL(provider.tokenUrl).origin;
  const auth =
    provider.clientSecret === undefined
      ? oidc.None()
      : provider.declaration.clientAuth === 'basic'
        ? oidc.ClientSecretBasic(provider.clientSecret)
        : oidc.ClientSecretPost(provider.clientSecret);
  const config = new oidc.Configuration(
    {
      issuer,
      authorization_endpoint: provider.authorizeUrl,
      token_endpoint: provider.tokenUrl,
    },
    provider.clientId,
    undefined,
    auth,
  );
  // Loopback fakes and self-hosted providers inside a private network may speak plain HTTP.
  if (new URL(provider.tokenUrl).protocol === 'http:') oidc.allowInsecureRequests(config);
  if (fetchImpl) config[oidc.customFetch] = (url, options) => fetchImpl(url, options as RequestInit);
  return config;
}

function toTokens(response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): OAuthTokens {
  const expiresIn = response.expiresIn();
  const extras: Record<string, string> = {};
  for (const field of EXTRA_FIELDS) {
    const value = (response as Record<string, unknown>)[field];
    if (typeof value === 'string') extras[field] = value;
  }
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: expiresIn === undefined ? null : new Date(Date.now() + expiresIn * 1000),
    scopes: response.scope ? response.scope.split(/[ ,]+/).filter(Boolean) : undefined,
    extras,
  };
}

function classify(error: unknown): Error {
  if (error instanceof oidc.ResponseBodyError) {
    if (error.status >= 500) return new OAuthTransientError(`token endpoint answered HTTP ${error.status}`);
    return new OAuthGrantError(error.error, error.error_description);
  }
  if (error instanceof oidc.AuthorizationResponseError)
    return new OAuthGrantError(error.error, error.error_description);
  return new OAuthTransientError(`token endpoint unreachable: ${(error as Error)?.message ?? 'unknown error'}`, {
    cause: error,
  });
}

/** Exchanges a refresh token; throws OAuthGrantError (reconnect) or OAuthTransientError (retry later). */
export async function refreshTokens(provider: OAuthProvider, refreshToken: string, fetchImpl?: typeof fetch) {
  try {
    return toTokens(await oidc.refreshTokenGrant(clientConfiguration(provider, fetchImpl), refreshToken));
  } catch (error) {
    throw classify(error);
  }
}

/** Exchanges an authorization code (with the PKCE verifier when the flow used one). */
export async function exchangeCode(
  provider: OAuthProvider,
  callbackUrl: URL,
  checks: { state: string; codeVerifier?: string | undefined; redirectUri: string },
  fetchImpl?: typeof fetch,
): Promise<OAuthTokens> {
  try {
    const response = await oidc.authorizationCodeGrant(
      clientConfiguration(provider, fetchImpl),
      callbackUrl,
      { expectedState: checks.state, ...(checks.codeVerifier ? { pkceCodeVerifier: checks.codeVerifier } : {}) },
      { redirect_uri: checks.redirectUri },
    );
    return toTokens(response);
  } catch (error) {
    throw classify(error);
  }
}
