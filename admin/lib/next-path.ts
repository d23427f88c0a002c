/**
 * Where to go once signed in: `?next=` when it is a path on this server (an
 * MCP client's sign-in at /oauth/interaction/…), else the dashboard. Never
 * another site: `//host` and `/\\host` are refused (open redirect).
 */
export function nextPath(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}
