import { type NextRequest, NextResponse } from 'next/server';
import { supabaseSettings } from '@/lib/supabase-settings';
import { finishSocialSignIn } from '@/lib/supabase-sign-in';

/**
 * Supabase Auth sends the browser back here with `?code=` (cloud layout
 * only: the `.vercel.ts` extension keeps it out of the static export, see
 * next.config.ts). The code becomes MCPist's session cookie on this domain
 * (`/api/*` is rewritten to the core); no Supabase token stays behind.
 */
export async function GET(request: NextRequest) {
  const settings = supabaseSettings();
  const api = process.env.MCPIST_API_URL;
  const params = request.nextUrl.searchParams;
  const failed = (reason: string) =>
    NextResponse.redirect(new URL(`/login?error=${encodeURIComponent(reason.slice(0, 300))}`, request.url));
  if (!settings || !api) return failed('Sign-in with Supabase is not configured on this deployment');
  const code = params.get('code');
  if (!code) return failed(params.get('error_description') ?? 'Supabase Auth sent no sign-in code');
  const response = NextResponse.redirect(new URL('/', request.url));
  try {
    const { setCookie } = await finishSocialSignIn({
      settings,
      code,
      apiUrl: api,
      origin: request.nextUrl.origin,
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (list) => {
          for (const { name, value, options } of list) response.cookies.set(name, value, options);
        },
      },
    });
    for (const line of setCookie) response.headers.append('set-cookie', line);
    return response;
  } catch (error) {
    return failed(error instanceof Error ? error.message : 'sign-in failed');
  }
}
