import { type CookieMethodsServer, createBrowserClient, createServerClient } from '@supabase/ssr';

// Self-contained (no relative imports): the hub test type-checks it under the core's NodeNext settings too.
interface SupabaseSettings {
  url: string;
  anonKey: string;
}
type SocialProvider = 'github' | 'google';

/** Cookies as `@supabase/ssr` reads and writes them: the browser's `document.cookie` by default, or a jar given. */
export type SupabaseCookies = Required<Pick<CookieMethodsServer, 'getAll' | 'setAll'>>;

/**
 * Step 1, in the browser: Supabase Auth's PKCE code flow. The client keeps
 * the code verifier in a cookie (so the callback's server can read it) and
 * returns the `/auth/v1/authorize` URL of the provider; the page goes there.
 */
export async function startSocialSignIn(
  settings: SupabaseSettings,
  provider: SocialProvider,
  redirectTo: string,
  cookies?: SupabaseCookies,
): Promise<string> {
  const supabase = createBrowserClient(settings.url, settings.anonKey, cookies ? { cookies, isSingleton: false } : {});
  const { data, error } = await supabase.auth.signInWithOAuth({
    provider,
    options: { redirectTo, skipBrowserRedirect: true },
  });
  if (error || !data.url) throw new Error(error?.message ?? 'Supabase Auth gave no sign-in URL');
  return data.url;
}

export interface FinishSignIn {
  settings: SupabaseSettings;
  /** `?code=` on the callback URL. */
  code: string;
  /** The request's cookies (the PKCE verifier); Supabase's own cookies are written back here and cleared at the end. */
  cookies: SupabaseCookies;
  /** The core's public URL (`MCPIST_API_URL`). */
  apiUrl: string;
  /** The UI's own origin, sent as `Origin`: it must be in the core's `http.allowedOrigins`. */
  origin: string;
  fetch?: typeof fetch;
}

/** MCPist's refusal or Supabase's, with the code to show. */
export class SignInProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignInProblem';
  }
}

/**
 * Step 2, on the UI's server (`/auth/callback`): trades the code and the
 * verifier for a Supabase session, hands its access token — a JWT the core
 * verifies against Supabase's JWKS — to `POST /api/session/jwt`, and returns
 * the core's `Set-Cookie` for MCPist's HttpOnly session. Then it signs out of
 * Supabase locally, so the browser keeps MCPist's session cookie and no
 * Supabase token (ADR 0045).
 */
export async function finishSocialSignIn(input: FinishSignIn): Promise<{ setCookie: string[] }> {
  const supabase = createServerClient(input.settings.url, input.settings.anonKey, { cookies: input.cookies });
  const { data, error } = await supabase.auth.exchangeCodeForSession(input.code);
  if (error || !data.session) {
    throw new SignInProblem(error?.code ?? 'supabase_error', error?.message ?? 'Supabase Auth gave no session');
  }
  try {
    const response = await (input.fetch ?? fetch)(`${input.apiUrl.replace(/\/$/, '')}/api/session/jwt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: input.origin },
      body: JSON.stringify({ access_token: data.session.access_token }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as {
        error?: { code?: number | string; message?: string };
      };
      throw new SignInProblem(
        String(body.error?.code ?? response.status),
        body.error?.message ?? `MCPist answered ${response.status}`,
      );
    }
    await response.arrayBuffer();
    return { setCookie: response.headers.getSetCookie() };
  } finally {
    await supabase.auth.signOut({ scope: 'local' });
  }
}
