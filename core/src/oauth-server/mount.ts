import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { Agent } from 'undici';
import type { Logger } from 'winston';
import type { AccessTokenAuthentication, Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { SigningKeys } from '../auth/signing-keys.js';
import type { McpistConfig } from '../config/config-schema.js';
import type { OAuthServerRepository } from '../store/repositories/oauth-server-repository.js';
import type { UsersRepository } from '../store/repositories/users-repository.js';
import { OAuthAccessTokens } from './access-tokens.js';
import { ClientMetadataDocuments } from './client-metadata-documents.js';
import { interactionRoutes } from './interaction-routes.js';
import type { LateAccessTokens } from './late-access-tokens.js';
import { MCP_SCOPES, withDefaultScope } from './scopes.js';
import { storeAdapter } from './store-adapter.js';

/** The authorization server's access tokens, checked by a provider built on the first one seen. */
class LazyAccessTokens implements AccessTokenAuthentication {
  constructor(readonly tokens: () => Promise<OAuthAccessTokens>) {}

  async principalFor(token: string): Promise<Principal> {
    return (await this.tokens()).principalFor(token);
  }
}

export interface MountedAuthorizationServer {
  /** The issuer, listed in the protected-resource metadata. */
  issuer: string;
  scopes: readonly string[];
  router: Router;
}

export interface AuthorizationServerDeps {
  logger: Logger;
  users: UsersRepository;
  signingKeys: SigningKeys;
  outboundAgent: Agent;
  records: OAuthServerRepository;
  accessTokens: LateAccessTokens;
  authenticator: Authenticator;
  /** The MCPist user already signed in in this browser (the admin UI's session), if any. */
  browserPrincipal?: (req: Request) => Promise<Principal | undefined>;
  /** The admin UI's sign-in page, coming back to `next` (when the UI is served here). */
  uiSignIn?: (next: string) => string;
}

/**
 * Builds MCPist's authorization server for the MCP endpoint at
 * `${publicUrl}/mcp` and binds its access tokens to the authenticator;
 * undefined when `oauthServer.enabled` is off.
 */
export function mountAuthorizationServer(
  deps: AuthorizationServerDeps,
  config: McpistConfig,
  publicUrl: string,
): MountedAuthorizationServer | undefined {
  if (!config.oauthServer.enabled) return undefined;
  const { logger, users, signingKeys: keys } = deps;
  const resource = `${publicUrl}/mcp`;
  const documents = new ClientMetadataDocuments(deps.outboundAgent, logger);
  const findAccount = async (id: string) => {
    const user = await users.findById(id);
    return user ? { userId: user.id, email: user.email } : undefined;
  };
  // oidc-provider (and Koa under it) costs ≈18 MB and ≈40 ms of start-up: it is imported and built on the first
  // request that needs it — an /oauth/* or metadata request, or a bearer token that is not an MCPist API token.
  let building: Promise<{ provider: Provider; handle: (req: IncomingMessage, res: ServerResponse) => void }>;
  const ready = () => {
    building ??= import('./authorization-server.js').then(({ createAuthorizationServer }) => {
      const provider = createAuthorizationServer(
        {
          issuer: publicUrl,
          resource,
          dynamicRegistration: config.oauthServer.dynamicRegistration,
          accessTokenTtlSeconds: config.oauthServer.accessTokenTtlSeconds,
          refreshTokenTtlSeconds: config.oauthServer.refreshTokenTtlSeconds,
          signingKeys: keys.privateJwks(),
          cookieKeys: [keys.derivedSecret('oauth-server-cookies')],
          proxy: config.http.trustedProxies.length > 0,
        },
        storeAdapter(deps.records, documents),
        findAccount,
      );
      provider.on('server_error', (_ctx, error) => logger.error('oauth: authorization server error', { error }));
      provider.on('grant.revoked', (_ctx, grantId) =>
        logger.info('oauth: grant revoked', { event: 'oauth_grant_revoked', grant_id: grantId }),
      );
      return { provider, handle: provider.callback() };
    });
    return building;
  };
  let accessTokens: Promise<OAuthAccessTokens> | undefined;
  deps.accessTokens.bind(
    new LazyAccessTokens(() => {
      accessTokens ??= ready().then(({ provider }) => new OAuthAccessTokens(provider, resource, users));
      return accessTokens;
    }),
  );
  const handle = (req: Request, res: Response, next: NextFunction) => {
    ready().then(
      (server) => server.handle(req, res),
      (error: unknown) => next(error),
    );
  };

  const router = Router();
  router.get('/.well-known/oauth-authorization-server', (req, res, next) => {
    req.url = '/.well-known/openid-configuration';
    handle(req, res, next);
  });
  router.get('/.well-known/openid-configuration', handle);
  router.use(
    interactionRoutes({
      provider: async () => (await ready()).provider,
      authenticator: deps.authenticator,
      logger,
      resource,
      publicUrl,
      findAccount,
      ...(deps.browserPrincipal ? { browserPrincipal: deps.browserPrincipal } : {}),
      ...(deps.uiSignIn ? { uiSignIn: deps.uiSignIn } : {}),
    }),
  );
  router.get('/oauth/authorize', (req, res, next) => {
    // A client naming no MCP scope asks for full access; full access brings read along (scopes.ts).
    const url = new URL(req.originalUrl, 'http://mcpist.invalid');
    url.searchParams.set('scope', withDefaultScope(url.searchParams.get('scope') ?? undefined));
    req.url = `${url.pathname}${url.search}`;
    handle(req, res, next);
  });
  router.use((req, res, next) => (req.path.startsWith('/oauth/') ? handle(req, res, next) : next()));
  return { issuer: publicUrl, scopes: [MCP_SCOPES.full, MCP_SCOPES.read], router };
}
