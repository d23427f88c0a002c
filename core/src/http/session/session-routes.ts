import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Authenticator } from '../../auth/authenticator.js';
import { isMcpistError } from '../../errors/mcpist-error.js';
import type { AuditLogsRepository } from '../../store/repositories/audit-logs-repository.js';
import { ApiError, sendApiError } from '../api/api-error.js';
import { parseInput } from '../api/define-route.js';
import { sendUnauthorized } from '../require-auth.js';
import type { BrowserSessions, StartedSession } from './browser-sessions.js';
import { sameOrigin } from './same-origin.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './session-cookie.js';

export interface SessionRouteDeps {
  sessions: BrowserSessions;
  authenticator: Authenticator;
  audit: Pick<AuditLogsRepository, 'record'>;
  publicUrl: string;
  /** `http.allowedOrigins`: an admin UI elsewhere may sign in too (ADR 0046). */
  allowedOrigins?: readonly string[];
  cookieSameSite?: 'strict' | 'none';
}

const linkBody = z.strictObject({
  code: z.string().max(200),
  email: z.email().max(254).optional(),
});
const tokenBody = z.strictObject({ token: z.string().max(10_000) });
const jwtBody = z.strictObject({ access_token: z.string().min(1).max(10_000) });

/**
 * `/api/session`: the admin UI's sign-in and sign-out (ADR 0024). Each answer
 * that signs in sets the HttpOnly, SameSite session cookie; the browser never
 * keeps an API token. Every POST and DELETE must come from this server's own
 * origin or an allowed one (login CSRF too).
 */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  const cookiePolicy = { publicUrl: deps.publicUrl, sameSite: deps.cookieSameSite };

  const signedIn = async (res: Response, session: StartedSession, how: string) => {
    setSessionCookie(res, session.token, session.expiresAt, cookiePolicy);
    await deps.audit.record({
      event: 'session_started',
      userId: session.user.id,
      requestId: String(res.locals.requestId ?? ''),
      details: { via: how },
    });
    res.status(200).json({
      user_id: session.user.id,
      email: session.user.email,
      system_role: session.user.system_role,
      expires_at: session.expiresAt.toISOString(),
    });
  };

  const guarded = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      if (!sameOrigin(req, deps.publicUrl, deps.allowedOrigins)) {
        throw ApiError.forbidden('cross-origin request refused: sign in from this server’s own pages');
      }
      await handler(req, res);
    } catch (error) {
      if (error instanceof ApiError) sendApiError(res, error);
      else if (isMcpistError(error)) sendUnauthorized(req, res, error, { publicUrl: deps.publicUrl, body: 'json' });
      else throw error;
    }
  };

  router.get('/', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ setup_required: await deps.sessions.needsSetup() });
  });

  router.post(
    '/link',
    guarded(async (req, res) => {
      const body = parseInput(linkBody, req.body, 'body');
      const session = await deps.sessions.redeemLink(body.code, body.email);
      await signedIn(res, session, body.email ? 'setup_link' : 'login_link');
    }),
  );

  router.post(
    '/token',
    guarded(async (req, res) => {
      const body = parseInput(tokenBody, req.body, 'body');
      const principal = await deps.authenticator.authenticate(`Bearer ${body.token.trim()}`);
      if (principal.via !== 'api_token') {
        throw ApiError.invalidField('token', 'paste an MCPist API token (mcpist_…)');
      }
      const session = await deps.sessions.start({
        id: principal.userId,
        email: principal.email,
        system_role: principal.systemRole,
      });
      await signedIn(res, session, 'api_token');
    }),
  );

  // The cloud layout (ADR 0045): the UI's server exchanges the identity
  // provider's access token (Supabase Auth) for a session. Verified exactly
  // as a bearer JWT on /mcp is: issuer, audience, expiry, JWKS, allowed email.
  router.post(
    '/jwt',
    guarded(async (req, res) => {
      const body = parseInput(jwtBody, req.body, 'body');
      const principal = await deps.authenticator.authenticate(`Bearer ${body.access_token.trim()}`);
      if (principal.via !== 'jwt') {
        throw ApiError.invalidField('access_token', 'send the identity provider’s access token (a JWT)');
      }
      const session = await deps.sessions.start({
        id: principal.userId,
        email: principal.email,
        system_role: principal.systemRole,
      });
      await signedIn(res, session, 'identity_provider');
    }),
  );

  router.delete(
    '/',
    guarded(async (req, res) => {
      const token = sessionCookieOf(req);
      if (token) await deps.sessions.end(token);
      clearSessionCookie(res, cookiePolicy);
      res.status(204).end();
    }),
  );
  return router;
}
