import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The admin UI's session cookie: HttpOnly, SameSite=Strict, the whole site (ADR 0024). */
export const SESSION_COOKIE = 'mcpist_session';

/**
 * How the session cookie is set: Secure on an https `publicUrl`; SameSite
 * Strict unless `http.sessionCookieSameSite` is `none` for a UI on another
 * site (then always Secure, ADR 0046).
 */
export interface SessionCookiePolicy {
  publicUrl: string;
  sameSite?: 'strict' | 'none' | undefined;
}

export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE] || undefined;
}

function attributes(policy: SessionCookiePolicy) {
  const crossSite = policy.sameSite === 'none';
  return {
    httpOnly: true,
    sameSite: crossSite ? ('none' as const) : ('strict' as const),
    secure: crossSite || policy.publicUrl.startsWith('https:'),
    path: '/',
  };
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, policy: SessionCookiePolicy): void {
  res.cookie(SESSION_COOKIE, token, { ...attributes(policy), expires: expiresAt });
}

export function clearSessionCookie(res: Response, policy: SessionCookiePolicy): void {
  res.clearCookie(SESSION_COOKIE, attributes(policy));
}
