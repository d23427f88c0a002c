import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';

/** Who the fake "social provider" signs in next (the fake approves at once, as the other fakes do). */
export interface FakeSocialIdentity {
  sub: string;
  email: string;
  /** Default true; false gives a token whose `email_verified` claim is false. */
  emailVerified?: boolean;
}

interface Flow {
  provider: string;
  challenge: string;
  method: string;
  identity: FakeSocialIdentity;
}

export interface FakeSupabaseAuthDeps {
  anonKey: string;
  sign(claims: { sub: string; email?: string } & JWTPayload, options?: { expiresIn?: number }): Promise<string>;
  verify(token: string): Promise<JWTPayload | undefined>;
  /** The identity the next /authorize signs in. */
  nextIdentity(): FakeSocialIdentity;
}

const PROVIDERS = new Set(['github', 'google']);

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** GoTrue's error body: `{ code, error_code, msg }`. */
const gotrueError = (res: ServerResponse, status: number, errorCode: string, msg: string) =>
  json(res, status, { code: status, error_code: errorCode, msg });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function userJson(identity: FakeSocialIdentity, provider: string) {
  const now = new Date().toISOString();
  return {
    id: identity.sub,
    aud: 'authenticated',
    role: 'authenticated',
    email: identity.email,
    email_confirmed_at: identity.emailVerified === false ? null : now,
    phone: '',
    app_metadata: { provider, providers: [provider] },
    user_metadata: { email: identity.email, email_verified: identity.emailVerified !== false },
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/**
 * The GoTrue endpoints `@supabase/ssr` and supabase-js call for a social
 * sign-in with the PKCE code flow, as Supabase Auth answers them:
 * `GET /auth/v1/authorize?provider&redirect_to&code_challenge&code_challenge_method`
 * (the provider's consent is skipped: it redirects straight back with `?code=`),
 * `POST /auth/v1/token?grant_type=pkce` `{ auth_code, code_verifier }` → a
 * session, `GET /auth/v1/user`, `POST /auth/v1/logout`. The API endpoints want
 * the project's `apikey` header, as Supabase's gateway does.
 */
export function fakeSupabaseAuth(deps: FakeSupabaseAuthDeps) {
  const flows = new Map<string, Flow>();
  const users = new Map<string, { identity: FakeSocialIdentity; provider: string }>();

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /auth/v1/authorize') {
      const provider = url.searchParams.get('provider') ?? '';
      const redirectTo = url.searchParams.get('redirect_to');
      if (!PROVIDERS.has(provider)) {
        gotrueError(res, 400, 'validation_failed', `Unsupported provider: Provider ${provider} could not be found`);
        return true;
      }
      if (!redirectTo) {
        gotrueError(res, 400, 'validation_failed', 'redirect_to is required by this fake');
        return true;
      }
      const code = randomUUID();
      flows.set(code, {
        provider,
        challenge: url.searchParams.get('code_challenge') ?? '',
        method: (url.searchParams.get('code_challenge_method') ?? 'plain').toLowerCase(),
        identity: deps.nextIdentity(),
      });
      const back = new URL(redirectTo);
      back.searchParams.set('code', code);
      res.writeHead(302, { location: back.toString() }).end();
      return true;
    }
    if (!url.pathname.startsWith('/auth/v1/') || url.pathname.endsWith('/jwks.json')) return false;
    if (req.headers.apikey !== deps.anonKey) {
      json(res, 401, {
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
      return true;
    }
    if (route === 'POST /auth/v1/token' && url.searchParams.get('grant_type') === 'pkce') {
      const body = await readJson(req);
      const flow = flows.get(String(body.auth_code ?? ''));
      if (!flow) {
        gotrueError(res, 404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
        return true;
      }
      flows.delete(String(body.auth_code));
      const verifier = String(body.code_verifier ?? '');
      const expected = flow.method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (!verifier || expected !== flow.challenge) {
        gotrueError(res, 403, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
        return true;
      }
      const accessToken = await deps.sign(
        {
          sub: flow.identity.sub,
          email: flow.identity.email,
          email_verified: flow.identity.emailVerified !== false,
          app_metadata: { provider: flow.provider, providers: [flow.provider] },
          amr: [{ method: 'oauth', timestamp: Math.floor(Date.now() / 1000) }],
        },
        { expiresIn: 3600 },
      );
      users.set(flow.identity.sub, { identity: flow.identity, provider: flow.provider });
      json(res, 200, {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        refresh_token: randomUUID().replaceAll('-', '').slice(0, 12),
        user: userJson(flow.identity, flow.provider),
      });
      return true;
    }
    if (route === 'GET /auth/v1/user' || route === 'POST /auth/v1/logout') {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const claims = token ? await deps.verify(token) : undefined;
      const user = claims?.sub ? users.get(claims.sub) : undefined;
      if (!user) {
        gotrueError(res, 403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
        return true;
      }
      if (route === 'POST /auth/v1/logout') res.writeHead(204).end();
      else json(res, 200, userJson(user.identity, user.provider));
      return true;
    }
    gotrueError(res, 404, 'not_found', `no route for ${route} in the fake`);
    return true;
  };
}
