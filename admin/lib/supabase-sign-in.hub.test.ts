// Type-checked with the core's tests (tsconfig.test.json), not by admin/tsconfig.json: it starts a real hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../core/src/container/tokens.js';
import {
  type FakeIdentityProvider,
  startFakeIdentityProvider,
} from '../../core/src/test-support/fake-identity-provider.js';
import { startTestHub, type TestHub } from '../../core/src/test-support/test-hub.js';
import { finishSocialSignIn, SignInProblem, type SupabaseCookies, startSocialSignIn } from './supabase-sign-in.js';

// The cloud layout's sign-in, end to end with the real supabase-js and
// @supabase/ssr: the fake stands in for Supabase Auth (and approves at the
// provider at once), the core is a real MCPist with an allowed UI origin.
const UI = 'https://admin.example.com';
let idp: FakeIdentityProvider;
let hub: TestHub;

beforeAll(async () => {
  idp = await startFakeIdentityProvider('cloudref');
  hub = await startTestHub({
    oauthServer: { enabled: false },
    jwt: { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'authenticated' },
    http: { allowedOrigins: [UI] },
  });
  const allowed = hub.server.container.resolve(Tokens.AllowedUsersRepository);
  await allowed.add('carol@example.com');
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await idp?.close();
});

/** The UI domain's cookies in one browser, as @supabase/ssr reads and writes them. */
function cookieJar() {
  const jar = new Map<string, string>();
  const cookies: SupabaseCookies = {
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    setAll: (list) => {
      for (const { name, value, options } of list) {
        if (!value || options?.maxAge === 0) jar.delete(name);
        else jar.set(name, value);
      }
    },
  };
  return { jar, cookies };
}

/** Sign-in page → Supabase /authorize → (provider) → back to /auth/callback?code=…: the code. */
async function authorize(provider: 'github' | 'google', cookies: SupabaseCookies): Promise<string> {
  const settings = { url: idp.url, anonKey: idp.anonKey };
  const authorizeUrl = await startSocialSignIn(settings, provider, `${UI}/auth/callback`, cookies);
  expect(new URL(authorizeUrl).pathname).toBe('/auth/v1/authorize');
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(`${UI}/auth/callback`);
  return back.searchParams.get('code') ?? '';
}

const finish = (code: string, cookies: SupabaseCookies, origin = UI) =>
  finishSocialSignIn({ settings: { url: idp.url, anonKey: idp.anonKey }, code, cookies, apiUrl: hub.url, origin });

describe('Sign in with GitHub or Google through Supabase Auth (cloud layout)', () => {
  it('ends with MCPist’s HttpOnly session cookie and no Supabase token in the browser', async () => {
    idp.signInAs({ sub: '0b7c4a52-1111-4222-8333-0000000ca201', email: 'carol@example.com' });
    const { jar, cookies } = cookieJar();
    const code = await authorize('github', cookies);
    expect([...jar.keys()].some((name) => name.endsWith('-code-verifier'))).toBe(true);

    const { setCookie } = await finish(code, cookies);
    const session = setCookie.find((line) => line.startsWith('mcpist_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    // Supabase's session cookies were written by the exchange and cleared by the local sign-out.
    expect([...jar.keys()].filter((name) => name.startsWith('sb-'))).toEqual([]);

    const me = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie: (session ?? '').split(';')[0] ?? '' } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'carol@example.com', system_role: 'user', via: 'session' });
  });

  it('signs the same person in again with Google, to the same MCPist user', async () => {
    idp.signInAs({ sub: '0b7c4a52-1111-4222-8333-0000000ca201', email: 'carol@example.com' });
    const { cookies } = cookieJar();
    const { setCookie } = await finish(await authorize('google', cookies), cookies);
    const cookie = setCookie.find((line) => line.startsWith('mcpist_session='))?.split(';')[0] ?? '';
    const me = (await (await fetch(`${hub.url}/api/auth/me`, { headers: { cookie } })).json()) as { email: string };
    expect(me.email).toBe('carol@example.com');
  });

  it('refuses an email nobody allowed, and sets no cookie', async () => {
    idp.signInAs({ sub: '0b7c4a52-1111-4222-8333-0000000dead1', email: 'mallory@example.com' });
    const { cookies } = cookieJar();
    const attempt = finish(await authorize('github', cookies), cookies);
    await expect(attempt).rejects.toBeInstanceOf(SignInProblem);
    await expect(attempt).rejects.toMatchObject({ code: '1003' });
    expect(await hub.server.container.resolve(Tokens.UsersRepository).findByEmail('mallory@example.com')).toBe(
      undefined,
    );
  });

  it('refuses a UI origin the core does not allow (host guard, before the CSRF check)', async () => {
    idp.signInAs({ sub: '0b7c4a52-1111-4222-8333-0000000ca201', email: 'carol@example.com' });
    const { cookies } = cookieJar();
    await expect(finish(await authorize('github', cookies), cookies, 'https://evil.example')).rejects.toMatchObject({
      code: 'forbidden_host',
    });
  });

  it('fails at Supabase when the code verifier is not the one the flow started with', async () => {
    const first = cookieJar();
    const code = await authorize('github', first.cookies);
    const other = cookieJar();
    await authorize('github', other.cookies);
    await expect(finish(code, other.cookies)).rejects.toMatchObject({ code: 'bad_code_verifier' });
  });

  it('refuses an MCPist API token on the JWT exchange (it has its own route)', async () => {
    const response = await fetch(`${hub.url}/api/session/jwt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: UI },
      body: JSON.stringify({ access_token: hub.token }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
