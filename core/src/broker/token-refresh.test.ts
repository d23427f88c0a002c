import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../../plugins/notion/test/fake-notion.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { saveOAuthApp } from './oauth-apps.js';

/**
 * OAuth refresh through a running hub: the Notion plugin (which declares
 * OAuth with HTTP Basic client authentication) against a fake Notion that
 * accepts only the token a fake OAuth provider hands out on refresh.
 */

const SERVICE = 'notion';
const HOUR = 3_600_000;

let notion: FakeNotion;
let provider: FakeOAuthProvider;
let hub: TestHub;
let client: Client;

interface CallResult {
  isError?: boolean;
  structuredContent?: { error?: { code?: number; message?: string; data?: Record<string, unknown> } } & Record<
    string,
    unknown
  >;
}

const listUsers = (on: Client = client) =>
  on.callTool({ name: 'call', arguments: { module: 'notion', tool: 'list_users', params: {} } }) as Promise<CallResult>;

/** Stores an OAuth credential for alice whose access token the fake Notion does not accept. */
async function storeCredential(on: TestHub, options: { expiresAt: Date; refreshToken?: string }) {
  await on.server.container.resolve(Tokens.TokenBroker).setOAuthTokens(
    { userId: on.userId, roleId: null },
    SERVICE,
    {
      accessToken: 'stale-access-token',
      refreshToken: options.refreshToken ?? provider.grantRefreshToken(),
      expiresAt: options.expiresAt,
      scopes: undefined,
      extras: {},
    },
    {},
  );
}

async function storedRow(on: TestHub = hub) {
  const rows = await on.server.container
    .resolve(Tokens.Database)
    .query<{ status: string; expires_at: Date; secret: string; refresh_secret: string }>(
      'select status, expires_at, secret, refresh_secret from public.credentials where service = $1',
      [SERVICE],
    );
  return rows[0];
}

async function refreshCount(on: TestHub, result: string): Promise<number> {
  const metric = await on.server.container.resolve(Tokens.Metrics).tokenRefreshTotal.get();
  return metric.values.find((v) => v.labels.service === SERVICE && v.labels.result === result)?.value ?? 0;
}

/** A hub whose Notion module points at the fakes, with limits out of the way of 100 concurrent calls. */
function hubConfig(extra: Record<string, unknown> = {}) {
  return {
    pluginSettings: {
      notion: { baseUrl: notion.url, rateLimits: { requestsPerSecond: 10_000, maxConcurrent: 200 } },
    },
    ...extra,
  };
}

async function configureApp(on: TestHub) {
  const c = on.server.container;
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), SERVICE, {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
}

beforeAll(async () => {
  notion = await startFakeNotion();
  hub = await startTestHub(hubConfig());
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await notion?.close();
});

beforeEach(async () => {
  await provider?.close();
  provider = await startFakeOAuthProvider({
    clientAuth: 'basic',
    rotateRefreshTokens: true,
    tokenDelayMs: 50,
    accessTokens: Array.from({ length: 5 }, () => notion.token),
  });
  await configureApp(hub);
});

afterAll(() => provider?.close());

describe('token refresh', () => {
  it('refreshes an expired token exactly once for 100 concurrent calls, and every call succeeds', async () => {
    const seeded = provider.grantRefreshToken();
    await storeCredential(hub, { expiresAt: new Date(Date.now() - HOUR), refreshToken: seeded });
    const before = await refreshCount(hub, 'success');

    const results = await Promise.all(Array.from({ length: 100 }, () => listUsers()));

    expect(results.filter((result) => result.isError)).toEqual([]);
    expect(provider.refreshRequests).toBe(1);
    expect(await refreshCount(hub, 'success')).toBe(before + 1);
    const row = await storedRow();
    expect(row?.status).toBe('active');
    expect(row?.expires_at.getTime()).toBeGreaterThan(Date.now() + HOUR / 2);
    const keyRing = hub.server.container.resolve(Tokens.KeyRing);
    expect(await keyRing.decrypt(row?.secret as string)).toBe(notion.token);
    // The provider rotated the refresh token: the new one is stored, the seeded one is gone.
    expect(await keyRing.decrypt(row?.refresh_secret as string)).not.toBe(seeded);
  });

  it('refreshes once when the upstream rejects a token that looked fresh (401), then retries the call', async () => {
    await storeCredential(hub, { expiresAt: new Date(Date.now() + HOUR) });
    const results = await Promise.all(Array.from({ length: 20 }, () => listUsers()));
    expect(results.filter((result) => result.isError)).toEqual([]);
    expect(provider.refreshRequests).toBe(1);
  });

  it('marks the credential needs_reauth on invalid_grant, and says where to reconnect', async () => {
    await storeCredential(hub, { expiresAt: new Date(Date.now() - HOUR) });
    provider.revokeAll();
    const before = await refreshCount(hub, 'invalid_grant');

    const results = await Promise.all(Array.from({ length: 10 }, () => listUsers()));

    expect(provider.refreshRequests).toBe(1);
    for (const result of results) {
      expect(result.isError).toBe(true);
      expect(result.structuredContent?.error?.code).toBe(ErrorCodes.TOKEN_REFRESH_FAILED);
      expect(result.structuredContent?.error?.data).toMatchObject({ service: SERVICE, reason: 'needs_reauth' });
      expect(String(result.structuredContent?.error?.data?.connect_url)).toContain('connect=notion');
      expect(String(result.structuredContent?.error?.message)).toContain(
        'POST /api/profile/services/notion/oauth/start',
      );
    }
    expect((await storedRow())?.status).toBe('needs_reauth');
    expect(await refreshCount(hub, 'invalid_grant')).toBe(before + 1);
    // Later calls are refused at once: the provider is not asked again.
    expect((await listUsers()).structuredContent?.error?.code).toBe(ErrorCodes.TOKEN_REFRESH_FAILED);
    expect(provider.refreshRequests).toBe(1);
  });

  it('answers 3002 naming the missing OAuth app when none is configured', async () => {
    await hub.server.container.resolve(Tokens.OAuthAppsRepository).delete(SERVICE);
    await storeCredential(hub, { expiresAt: new Date(Date.now() - HOUR) });
    const result = await listUsers();
    expect(result.structuredContent?.error?.code).toBe(ErrorCodes.TOKEN_REFRESH_FAILED);
    expect(result.structuredContent?.error?.data).toMatchObject({ reason: 'no_oauth_app' });
    expect(provider.refreshRequests).toBe(0);
  });

  // Were the refresh holding the store, the query below would wait for the held answer, and time out.
  it('keeps the embedded store serving other requests while the token endpoint is slow', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await startFakeOAuthProvider({
      clientAuth: 'basic',
      holdRefreshes: held,
      accessTokens: [notion.token],
    });
    try {
      const c = hub.server.container;
      await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), SERVICE, {
        clientId: slow.clientId,
        clientSecret: slow.clientSecret,
        settings: { authorizeUrl: slow.authorizeUrl, tokenUrl: slow.tokenUrl },
      });
      await storeCredential(hub, { expiresAt: new Date(Date.now() - HOUR), refreshToken: slow.grantRefreshToken() });
      const call = listUsers();
      await slow.refreshArrived();
      // The refresh is waiting on the provider (held): the store answers anyway.
      await c.resolve(Tokens.Database).query('select 1');
      expect(slow.refreshRequests).toBe(1);
      release();
      expect((await call).isError).toBeFalsy();
    } finally {
      await slow.close();
    }
  });
});
