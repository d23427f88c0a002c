import type { Request } from 'express';
import type { Authenticator } from '../../auth/authenticator.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../api/api-error.js';
import type { BrowserSessions } from './browser-sessions.js';
import { isSafeMethod, sameOrigin } from './same-origin.js';
import { sessionCookieOf } from './session-cookie.js';

export interface RequestAuthDeps {
  authenticator: Authenticator;
  sessions: BrowserSessions;
  publicUrl: string;
  /** `http.allowedOrigins` (ADR 0046). */
  allowedOrigins?: readonly string[];
}

/**
 * Who sent an /api request: the `Authorization` header when there is one
 * (API token or JWT), else the admin UI's session cookie — and then a request
 * that changes state must come from this server's own origin (CSRF). Throws
 * the authenticator's McpistError (→ 401) or an ApiError 403.
 */
export async function requestPrincipal(req: Request, deps: RequestAuthDeps): Promise<Principal> {
  const authorization = req.get('authorization');
  const cookie = authorization === undefined ? sessionCookieOf(req) : undefined;
  if (cookie === undefined) return deps.authenticator.authenticate(authorization);
  if (!isSafeMethod(req.method) && !sameOrigin(req, deps.publicUrl, deps.allowedOrigins)) {
    throw ApiError.forbidden(
      'cross-origin request refused: the session cookie is only good from this server’s own pages and its allowed origins',
    );
  }
  return deps.sessions.principalFor(cookie);
}

/** The MCPist user signed in in this browser (the session cookie), or undefined: for pages outside /api (OAuth sign-in). */
export function browserSessionPrincipal(sessions: BrowserSessions) {
  return async (req: Request): Promise<Principal | undefined> => {
    const cookie = sessionCookieOf(req);
    if (cookie === undefined) return undefined;
    return sessions.principalFor(cookie).catch(() => undefined);
  };
}
