import { type NextRequest, NextResponse } from 'next/server';
import { guardDecision } from './lib/guard';

/**
 * The cloud layout's edge guard (Vercel): asks the core who the session
 * cookie belongs to (`GET /api/auth/me` at MCPIST_API_URL) and sends
 * signed-out people to /login and users off admin routes (403). The API
 * enforces the same rules; this only spares a round of useless pages.
 * Not used by the static export the core serves itself (the page shell
 * makes the same decision there).
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // Public routes need no look-up: signed out is allowed there.
  if (guardDecision(path, null) === 'allow') return NextResponse.next();
  const role = await systemRole(request);
  const decision = guardDecision(path, role);
  if (decision === 'sign-in') return NextResponse.redirect(new URL('/login', request.url));
  if (decision === 'forbidden') return new NextResponse('403 — administrators only', { status: 403 });
  return NextResponse.next();
}

async function systemRole(request: NextRequest): Promise<'admin' | 'user' | null> {
  const api = process.env.MCPIST_API_URL;
  const cookie = request.headers.get('cookie');
  if (!api || !cookie) return null;
  const response = await fetch(`${api}/api/auth/me`, { headers: { cookie } }).catch(() => undefined);
  if (!response?.ok) return null;
  const me = (await response.json()) as { system_role?: string };
  return me.system_role === 'admin' || me.system_role === 'user' ? me.system_role : null;
}

export const config = { matcher: ['/((?!_next/|api/|favicon.ico).*)'] };
