import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { isMcpistError } from '../errors/mcpist-error.js';
import type { OAuthFlow } from '../neutral/oauth-flow.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { saveOAuthApp } from './oauth-apps.js';

/**
 * The connect flow's rules against a fake OAuth provider, for Google Calendar
 * (which declares PKCE, `access_type=offline` and `prompt=consent`).
 */

const SERVICE = 'google-calendar';
let provider: FakeOAuthProvider;
let hub: TestHub;
let flow: OAuthFlow;
let redirectUri: string;

/**
 * Starts a flow, goes on from its connect page as one browser, and lets the
 * fake provider "approve" it: the callback URL it redirects to and the
 * browser's binding secret.
 */
async function approve(
  userId = hub.userId,
  service = SERVICE,
): Promise<{ authorizeUrl: URL; callback: URL; browserSecret: string }> {
  const { connectUrl } = await flow.start({ userId, roleId: null, service, baseUrl: hub.url });
  const state = new URL(connectUrl).searchParams.get('flow') as string;
  const { authorizeUrl, browserSecret } = await flow.authorize(service, state);
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  return {
    authorizeUrl: new URL(authorizeUrl),
    callback: new URL(response.headers.get('location') as string),
    browserSecret,
  };
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isMcpistError(error)) throw new Error(`expected an MCPist error, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  provider = await startFakeOAuthProvider({ clientAuth: 'body' });
  hub = await startTestHub();
  redirectUri = `${hub.url}/api/services/${SERVICE}/oauth/callback`;
  const c = hub.server.container;
  flow = c.resolve(Tokens.OAuthFlow);
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), SERVICE, {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
});

afterAll(async () => {
  await hub?.close();
  await provider?.close();
});

describe('OAuth connect flow', () => {
  it('builds the authorize URL from the declaration: PKCE S256, offline access, consent, scopes', async () => {
    const { authorizeUrl } = await approve();
    const query = authorizeUrl.searchParams;
    expect(query.get('client_id')).toBe(provider.clientId);
    expect(query.get('redirect_uri')).toBe(redirectUri);
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('access_type')).toBe('offline');
    expect(query.get('prompt')).toBe('consent');
    expect(query.get('scope')).toBe('https://www.googleapis.com/auth/calendar');
    expect(query.get('state')?.length).toBeGreaterThanOrEqual(43);
  });

  it('ends with an encrypted credential, and the state cannot be replayed', async () => {
    const { callback, browserSecret } = await approve();
    await expect(flow.finish(SERVICE, callback, { browserSecret, callerUserId: hub.userId })).resolves.toMatchObject({
      service: SERVICE,
    });
    const db = hub.server.container.resolve(Tokens.Database);
    const [row] = await db.query<{ kind: string; secret: string; refresh_secret: string }>(
      'select kind, secret, refresh_secret from public.credentials where service = $1',
      [SERVICE],
    );
    const issued = provider.issuedAccessTokens.at(-1) as string;
    expect(row?.kind).toBe('oauth2');
    expect(row?.secret).not.toContain(issued);
    expect(await hub.server.container.resolve(Tokens.KeyRing).decrypt(row?.secret as string)).toBe(issued);
    expect(row?.refresh_secret).toMatch(/^v1:/);

    const codeGrants = provider.codeRequests;
    const replay = await refusal(flow.finish(SERVICE, callback, { browserSecret, callerUserId: hub.userId }));
    expect(replay.code).toBe(ErrorCodes.UNAUTHORIZED);
    expect(replay.data).toMatchObject({ reason: 'unknown_state' });
    expect(provider.codeRequests).toBe(codeGrants);
  });

  it('refuses an expired state', async () => {
    const { callback, browserSecret } = await approve();
    await hub.server.container
      .resolve(Tokens.Database)
      .query(`update public.oauth_states set expires_at = now() - interval '1 second' where used_at is null`);
    expect((await refusal(flow.finish(SERVICE, callback, { browserSecret }))).data).toMatchObject({
      reason: 'expired_state',
    });
  });

  it('refuses a state presented by another user, and for another service', async () => {
    const other = await hub.issueToken('mallory@example.com');
    const { callback, browserSecret } = await approve();
    expect(
      (await refusal(flow.finish(SERVICE, callback, { browserSecret, callerUserId: other.userId }))).data,
    ).toMatchObject({ reason: 'wrong_user' });
    const second = await approve();
    expect(
      (await refusal(flow.finish('notion', second.callback, { browserSecret: second.browserSecret }))).data,
    ).toMatchObject({ reason: 'wrong_service' });
  });

  it('refuses a callback from another browser without using up the state', async () => {
    const { callback, browserSecret } = await approve();
    for (const presented of [undefined, 'another-browsers-secret']) {
      expect((await refusal(flow.finish(SERVICE, callback, { browserSecret: presented }))).data).toMatchObject({
        reason: 'wrong_browser',
      });
    }
    await expect(flow.finish(SERVICE, callback, { browserSecret })).resolves.toMatchObject({ service: SERVICE });
  });

  it('passes the provider refusing a wrong PKCE verifier on to the user', async () => {
    const { callback, browserSecret } = await approve();
    const keyRing = hub.server.container.resolve(Tokens.KeyRing);
    await hub.server.container
      .resolve(Tokens.Database)
      .query('update public.oauth_states set code_verifier = $1 where used_at is null', [
        (await keyRing.encrypt('a-verifier-that-does-not-match-the-challenge-0000')).ciphertext,
      ]);
    const error = await refusal(flow.finish(SERVICE, callback, { browserSecret, callerUserId: hub.userId }));
    expect(error.code).toBe(ErrorCodes.UNAUTHORIZED);
    expect(error.data).toMatchObject({ reason: 'grant_refused', oauth_error: 'invalid_grant' });
    expect(error.message).toContain('PKCE verification failed');
  });

  it("looks up Atlassian's cloud id after the exchange and stores it with the site", async () => {
    const c = hub.server.container;
    provider.upstream.route('GET /oauth/token/accessible-resources', (request) =>
      provider.isValidAccessToken(request.headers.authorization?.replace(/^Bearer /, ''))
        ? {
            json: [
              {
                id: '1324a887-45db-1bf4-1e99-ef0ff456d421',
                url: 'https://acme.atlassian.net',
                name: 'acme',
                scopes: [],
              },
            ],
          }
        : { status: 401, json: { code: 401, message: 'Unauthorized' } },
    );
    await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'atlassian', {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      settings: {
        authorizeUrl: provider.authorizeUrl,
        tokenUrl: provider.tokenUrl,
        resourceLookupUrl: `${provider.upstream.url}/oauth/token/accessible-resources`,
      },
    });
    const { authorizeUrl, callback, browserSecret } = await approve(hub.userId, 'atlassian');
    const query = authorizeUrl.searchParams;
    expect(query.get('audience')).toBe('api.atlassian.com');
    // Jira's and Confluence's scopes in one grant: both plugins use the same `atlassian` credential.
    expect(query.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['read:jira-work', 'offline_access']));
    expect(
      query
        .get('scope')
        ?.split(' ')
        .some((scope) => scope.includes('confluence')),
    ).toBe(true);
    await flow.finish('atlassian', callback, { browserSecret, callerUserId: hub.userId });
    const [row] = await c
      .resolve(Tokens.Database)
      .query<{ fields: Record<string, string> }>('select fields from public.credentials where service = $1', [
        'atlassian',
      ]);
    expect(row?.fields).toEqual({
      cloudId: '1324a887-45db-1bf4-1e99-ef0ff456d421',
      site: 'https://acme.atlassian.net',
    });
  });
});
