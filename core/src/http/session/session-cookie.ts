import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The admin UI's session cookie: HttpOnly, SameSite=Strict, the whole site (ADR 0024). */
export const SESSION_COOKIE = 'mcpist_session';

export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE] || undefined;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, publicUrl: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: publicUrl.startsWith('https:'),
    path: '/',
  });
}
