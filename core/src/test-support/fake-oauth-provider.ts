import { createHash, randomBytes } from 'node:crypto';
import { type FakeRequest, type FakeResponse, type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';

export interface FakeOAuthProviderOptions {
  clientId?: string;
  clientSecret?: string;
  /** How the client must authenticate at the token endpoint. */
  clientAuth?: 'basic' | 'body';
  /** Hand out a new refresh token with every refresh (and revoke the old one). */
  rotateRefreshTokens?: boolean;
  /** Seconds until issued access tokens expire. */
  expiresIn?: number;
  /** Delay of the token endpoint, to widen races. */
  tokenDelayMs?: number;
  /** Refresh answers wait for this, so a test can look while a refresh is in flight. */
  holdRefreshes?: Promise<unknown>;
  /** Access tokens to hand out, in order (e.g. the one a fake upstream accepts); random ones after. */
  accessTokens?: string[];
}

/**
 * A fake OAuth 2.0 authorization server on loopback, as RFC 6749 and RFC 7636
 * describe one: `/authorize` redirects back with a code, `/token` exchanges
 * codes (checking the PKCE verifier) and refresh tokens, and counts both.
 */
export interface FakeOAuthProvider {
  readonly upstream: FakeUpstream;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Refresh-token grants received (successful or not). */
  readonly refreshRequests: number;
  /** Resolves once `count` refresh-token grants have been received. */
  refreshArrived(count?: number): Promise<void>;
  /** Authorization-code grants received. */
  readonly codeRequests: number;
  /** Every access token issued, oldest first. */
  readonly issuedAccessTokens: readonly string[];
  /** Every refresh token issued (granted or sent in a token response), oldest first. */
  readonly issuedRefreshTokens: readonly string[];
  /** Issues a refresh token directly (seeding a stored credential). */
  grantRefreshToken(): string;
  /** Revokes every refresh token: the next refresh answers `invalid_grant`. */
  revokeAll(): void;
  /** Whether an access token is currently valid. */
  isValidAccessToken(token: string | undefined): boolean;
  close(): Promise<void>;
}

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export async function startFakeOAuthProvider(options: FakeOAuthProviderOptions = {}): Promise<FakeOAuthProvider> {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret-0000';
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const issued: string[] = [];
  const queued = [...(options.accessTokens ?? [])];
  const issuedRefresh: string[] = [];
  const codes = new Map<string, { redirectUri: string; challenge: string | undefined }>();
  let refreshRequests = 0;
  const refreshWaiters: Array<{ count: number; resolve: () => void }> = [];
  let codeRequests = 0;

  const error = (status: number, code: string, description: string): FakeResponse => ({
    status,
    json: { error: code, error_description: description },
  });

  const clientAuthenticated = (request: FakeRequest, form: URLSearchParams): boolean => {
    if ((options.clientAuth ?? 'body') === 'basic') {
      const header = request.headers.authorization ?? '';
      const [id, secret] = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64')
        .toString('utf8')
        .split(':');
      return decodeURIComponent(id ?? '') === clientId && decodeURIComponent(secret ?? '') === clientSecret;
    }
    return form.get('client_id') === clientId && form.get('client_secret') === clientSecret;
  };

  const issue = (withRefresh: boolean): FakeResponse => {
    const access = queued.shift() ?? token('fake_at');
    accessTokens.add(access);
    issued.push(access);
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'bearer',
      expires_in: options.expiresIn ?? 3600,
    };
    if (withRefresh) {
      const refresh = token('fake_rt');
      refreshTokens.add(refresh);
      issuedRefresh.push(refresh);
      body.refresh_token = refresh;
    }
    return { json: body, headers: { 'cache-control': 'no-store' }, delayMs: options.tokenDelayMs ?? 0 };
  };

  const upstream = await startFakeUpstream({
    'GET /authorize': (request) => {
      const redirectUri = request.query.get('redirect_uri') ?? '';
      if (request.query.get('client_id') !== clientId) return error(400, 'invalid_client', 'unknown client');
      const code = token('fake_code');
      const challenge = request.query.get('code_challenge') ?? undefined;
      codes.set(code, { redirectUri, challenge });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      target.searchParams.set('state', request.query.get('state') ?? '');
      return { status: 302, headers: { location: target.toString() } };
    },
    'POST /token': async (request) => {
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      if (!clientAuthenticated(request, form)) return error(401, 'invalid_client', 'client authentication failed');
      const grant = form.get('grant_type');
      if (grant === 'refresh_token') {
        refreshRequests += 1;
        for (const waiter of refreshWaiters.filter(({ count }) => count <= refreshRequests)) waiter.resolve();
        await options.holdRefreshes;
        const presented = form.get('refresh_token') ?? '';
        if (!refreshTokens.has(presented)) return error(400, 'invalid_grant', 'refresh token is invalid or revoked');
        if (options.rotateRefreshTokens) refreshTokens.delete(presented);
        for (const old of accessTokens) accessTokens.delete(old);
        return issue(options.rotateRefreshTokens ?? false);
      }
      if (grant === 'authorization_code') {
        codeRequests += 1;
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!pending || pending.redirectUri !== form.get('redirect_uri')) {
          return error(400, 'invalid_grant', 'authorization code is invalid');
        }
        if (pending.challenge && s256(form.get('code_verifier') ?? '') !== pending.challenge) {
          return error(400, 'invalid_grant', 'PKCE verification failed');
        }
        return issue(true);
      }
      return error(400, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
    },
  });

  return {
    upstream,
    authorizeUrl: `${upstream.url}/authorize`,
    tokenUrl: `${upstream.url}/token`,
    clientId,
    clientSecret,
    refreshArrived: (count = 1) =>
      new Promise<void>((resolve) => (refreshRequests >= count ? resolve() : refreshWaiters.push({ count, resolve }))),
    get refreshRequests() {
      return refreshRequests;
    },
    get codeRequests() {
      return codeRequests;
    },
    issuedAccessTokens: issued,
    issuedRefreshTokens: issuedRefresh,
    grantRefreshToken() {
      const refresh = token('fake_rt');
      refreshTokens.add(refresh);
      issuedRefresh.push(refresh);
      return refresh;
    },
    revokeAll() {
      refreshTokens.clear();
    },
    isValidAccessToken: (candidate) => candidate !== undefined && accessTokens.has(candidate),
    close: () => upstream.close(),
  };
}
