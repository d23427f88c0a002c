import type { RequestHandler, Router } from 'express';
import type { DependencyContainer } from 'tsyringe';
import type { Authenticator } from '../../auth/authenticator.js';
import { resolveDeps } from '../../container/declared-deps.js';
import { Tokens } from '../../container/tokens.js';
import type { Logger } from '../../observability/logger.js';
import { CONNECT_PAGE_DEPS, connectPages } from '../connect-page.js';
import type { BrowserSessions } from '../session/browser-sessions.js';
import { sessionRoutes } from '../session/session-routes.js';
import { apiRoutes } from './api-routes.js';
import type { ApiRoute } from './define-route.js';
import { OAUTH_CALLBACK_DEPS, oauthCallback } from './oauth-callback.js';

/** What the admin API's router uses: the routes, built from their modules' declared services, and its own few. */
export interface ApiDeps {
  routes: readonly ApiRoute[];
  oauthCallback: RequestHandler;
  /** MCPist's connect pages (`/connect/{service}`), mounted beside the API. */
  connectPages: Router;
  authenticator: Authenticator;
  /** The admin UI's browser sessions: the session cookie authenticates /api requests without a bearer token. */
  sessions: BrowserSessions;
  /** `/api/session`: the admin UI's sign-in and sign-out. */
  sessionRoutes: Router;
  logger: Logger;
  version: string;
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  /** `http.allowedOrigins`: an admin UI elsewhere calls /api with the cookie (CORS, CSRF check; ADR 0046). */
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
}

/** The services the router itself uses, besides those its route modules declare. */
const ROUTER_DEPS = {
  authenticator: Tokens.Authenticator,
  sessions: Tokens.BrowserSessions,
  audit: Tokens.AuditLogsRepository,
  logger: Tokens.Logger,
  config: Tokens.Config,
};

/** Builds the admin API's routes from the composed container, each module getting only what it declares. */
export function apiDepsFrom(c: DependencyContainer, settings: { version: string; publicUrl: string }): ApiDeps {
  const { authenticator, sessions, audit, logger, config } = resolveDeps(c, ROUTER_DEPS);
  return {
    routes: apiRoutes(c),
    oauthCallback: oauthCallback({ ...resolveDeps(c, OAUTH_CALLBACK_DEPS), publicUrl: settings.publicUrl }),
    connectPages: connectPages({
      ...resolveDeps(c, CONNECT_PAGE_DEPS),
      publicUrl: settings.publicUrl,
      tokenBrokerUrl: c.resolve(Tokens.Config).tokenBrokerUrl,
    }),
    authenticator,
    sessions,
    sessionRoutes: sessionRoutes({
      sessions,
      authenticator,
      audit,
      publicUrl: settings.publicUrl,
      allowedOrigins: config.http.allowedOrigins,
      cookieSameSite: config.http.sessionCookieSameSite,
    }),
    logger,
    version: settings.version,
    publicUrl: settings.publicUrl,
    allowedOrigins: config.http.allowedOrigins,
    maxBodyBytes: config.http.maxBodyBytes,
  };
}
