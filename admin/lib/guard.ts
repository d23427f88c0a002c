/** Routes only administrators open; the API refuses non-admins there anyway. */
export const ADMIN_ROUTES: readonly string[] = ['/users', '/roles', '/modules', '/logs', '/requests'];
/** Routes anyone may open signed out. */
export const PUBLIC_ROUTES: readonly string[] = ['/login', '/auth/callback'];

export type GuardDecision = 'allow' | 'sign-in' | 'forbidden';

const under = (path: string, route: string) => path === route || path.startsWith(`${route}/`);

/**
 * The edge guard's decision (Vercel proxy) and the embedded UI's: signed-out
 * people go to /login, users get the 403 page on admin routes, admins pass.
 * Assets and the API are not pages: the API enforces its own rules.
 */
export function guardDecision(path: string, role: 'admin' | 'user' | null): GuardDecision {
  if (path.startsWith('/_next/') || path.startsWith('/api/') || PUBLIC_ROUTES.some((r) => under(path, r))) {
    return 'allow';
  }
  if (role === null) return 'sign-in';
  if (ADMIN_ROUTES.some((r) => under(path, r)) && role !== 'admin') return 'forbidden';
  return 'allow';
}
