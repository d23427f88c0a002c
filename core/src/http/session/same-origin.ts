import type { Request } from 'express';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * The CSRF check for cookie-authenticated requests that change state: the
 * browser's `Origin` must be this server's own origin — as configured
 * (`publicUrl`) or as this request reached it (its Host, which the host guard
 * has already checked) — or one of `http.allowedOrigins`, an admin UI hosted
 * elsewhere (ADR 0046). A page on another port of the same machine is
 * same-site for SameSite cookies, but not same-origin, so it is refused here.
 * A missing Origin is refused too: every browser sends one on such requests.
 */
export function sameOrigin(req: Request, publicUrl: string, allowedOrigins: readonly string[] = []): boolean {
  const origin = req.get('origin');
  if (!origin || origin === 'null') return false;
  const own = new Set([new URL(publicUrl).origin, ...allowedOrigins]);
  const host = req.get('host');
  if (host) own.add(`${req.protocol}://${host}`.toLowerCase());
  return own.has(origin.toLowerCase());
}
