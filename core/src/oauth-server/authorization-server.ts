import type { JWK } from 'jose';
import Provider, { type Adapter, type AdapterConstructor, type Configuration, errors } from 'oidc-provider';
import { escapeHtml, htmlPage } from '../http/html-page.js';
import { loopbackAliases } from '../http/public-url.js';
import { MCP_SCOPES, requestedResource, withDefaultScope } from './scopes.js';

export interface AuthorizationServerSettings {
  /** The issuer: MCPist's public base URL (no path, so RFC 8414 metadata lives at the root). */
  issuer: string;
  /** The one resource tokens are issued for: the MCP endpoint (RFC 8707). */
  resource: string;
  /** RFC 7591 registration for clients without a metadata document; the operator may switch it off. */
  dynamicRegistration: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Private signing keys (ES256), the active one first. */
  signingKeys: JWK[];
  /** Keys that sign the authorization server's cookies. */
  cookieKeys: string[];
  /** True behind a trusted proxy (X-Forwarded-Proto decides cookie security). */
  proxy: boolean;
}

export interface Account {
  userId: string;
  email: string;
}

/** The authorization server's routes, all under /oauth besides the metadata. */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  end_session: '/oauth/logout',
  userinfo: '/oauth/userinfo',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

export const interactionPath = (uid: string) => `/oauth/interaction/${uid}`;

/**
 * MCPist as the OAuth 2.1 authorization server of its own MCP endpoint
 * (ADR 0041), on oidc-provider: authorization code with PKCE S256 only,
 * clients by metadata document or (optionally) registration, audience-bound
 * opaque access tokens, rotating refresh tokens whose reuse revokes the grant,
 * `iss` in every authorization response (RFC 9207).
 */
export function createAuthorizationServer(
  settings: AuthorizationServerSettings,
  adapter: AdapterConstructor,
  findAccount: (accountId: string) => Promise<Account | undefined>,
): Provider {
  const configuration: Configuration = {
    adapter: adapter as unknown as (name: string) => Adapter,
    clients: [],
    async findAccount(_ctx, sub) {
      const account = await findAccount(sub);
      if (!account) return undefined;
      return { accountId: account.userId, claims: async () => ({ sub: account.userId, email: account.email }) };
    },
    scopes: ['openid', 'offline_access', MCP_SCOPES.full, MCP_SCOPES.read],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'ES256',
    },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    extraClientMetadata: {
      properties: ['scope'],
      // A client registered for full access may also be narrowed to read-only on the consent page (scopes.ts).
      validator(_ctx, key, value, metadata) {
        if (key === 'scope' && typeof value === 'string') metadata.scope = withDefaultScope(value);
      },
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: settings.dynamicRegistration },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.resource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          // The MCP endpoint, under any loopback spelling of a loopback public URL (public-url.ts).
          if (!loopbackAliases(settings.resource).includes(indicator)) {
            throw new errors.InvalidTarget(`unknown resource: ${indicator}`);
          }
          return {
            scope: `${MCP_SCOPES.full} ${MCP_SCOPES.read}`,
            audience: indicator,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (!grantId) return undefined;
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      // Step-up: a client asking for full access after a read-only grant gets the consent page again.
      const asked = String(ctx.oidc.params?.scope ?? '').split(' ');
      const resource = requestedResource(ctx.oidc.params?.resource, settings.resource);
      const refused = grant?.getRejectedResourceScope(resource).split(' ') ?? [];
      if (!ctx.oidc.result?.consent && asked.includes(MCP_SCOPES.full) && refused.includes(MCP_SCOPES.full)) {
        return undefined;
      }
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      RefreshToken: settings.refreshTokenTtlSeconds,
      Grant: settings.refreshTokenTtlSeconds,
      Interaction: 600,
      Session: 14 * 24 * 3600,
      IdToken: 3600,
    },
    routes: OAUTH_ROUTES,
    interactions: { url: (_ctx, interaction) => interactionPath(interaction.uid) },
    cookies: {
      keys: settings.cookieKeys,
      names: { session: 'mcpist_as_session', interaction: 'mcpist_as_interaction', resume: 'mcpist_as_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: settings.signingKeys as NonNullable<Configuration['jwks']>['keys'] },
    discovery: {
      client_id_metadata_document_supported: true,
      service_documentation: `${settings.issuer}/api/version`,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), String(out.error_description ?? ''));
    },
  };
  const provider = new Provider(settings.issuer, configuration);
  provider.proxy = settings.proxy;
  return provider;
}

function errorPage(error: string, description: string): string {
  return htmlPage(
    'The app could not be signed in',
    `<p><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>
<p>Go back to the app and start again. If it keeps failing, tell the app's maker this message.</p>`,
  );
}
