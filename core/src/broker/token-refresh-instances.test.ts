import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../../plugins/notion/test/fake-notion.js';
import { Tokens } from '../container/tokens.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { saveOAuthApp } from './oauth-apps.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping refresh across instances: ${unavailable}`);

/**
 * Two MCPist instances sharing one PostgreSQL database (and key file): 100
 * calls split across both over an expired token cause exactly one refresh.
 */
describe.skipIf(unavailable !== undefined)('token refresh across two instances', () => {
  let postgres: TestPostgres;
  let notion: FakeNotion;
  let provider: FakeOAuthProvider;
  let hubs: TestHub[] = [];

  beforeAll(async () => {
    [postgres, notion] = await Promise.all([startTestPostgres(), startFakeNotion()]);
    provider = await startFakeOAuthProvider({
      clientAuth: 'basic',
      rotateRefreshTokens: true,
      tokenDelayMs: 200,
      accessTokens: [notion.token],
    });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
    const config = {
      databaseUrl: postgres.url,
      keyFile,
      pluginSettings: {
        notion: { baseUrl: notion.url, rateLimits: { requestsPerSecond: 10_000, maxConcurrent: 200 } },
      },
    };
    hubs.push(await startTestHub(config));
    hubs.push(await startTestHub(config));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await Promise.all([notion?.close(), provider?.close(), postgres?.stop()]);
    hubs = [];
  });

  it('makes exactly one refresh request, and every call on both succeeds with the new token', async () => {
    const [a, b] = hubs as [TestHub, TestHub];
    const c = a.server.container;
    await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'notion', {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      settings: { tokenUrl: provider.tokenUrl, authorizeUrl: provider.authorizeUrl },
    });
    await c.resolve(Tokens.TokenBroker).setOAuthTokens(
      { userId: a.userId, roleId: null },
      'notion',
      {
        accessToken: 'expired-access-token',
        refreshToken: provider.grantRefreshToken(),
        expiresAt: new Date(Date.now() - 60_000),
        scopes: undefined,
        extras: {},
      },
      {},
    );
    // Both hubs know alice (the same user in the shared database) and issue her tokens.
    expect(b.userId).toBe(a.userId);
    const clients = [await a.connect(), await b.connect()];

    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (clients[i % 2] as (typeof clients)[number]).callTool({
          name: 'call',
          arguments: { module: 'notion', tool: 'list_users', params: {} },
        }),
      ),
    );

    expect(results.filter((result) => result.isError)).toEqual([]);
    expect(provider.refreshRequests).toBe(1);
    const users = notion.requests.filter((request) => request.path === '/v1/users');
    expect(users.length).toBeGreaterThanOrEqual(100);
    expect(users.every((request) => request.headers.authorization === `Bearer ${notion.token}`)).toBe(true);
  }, 60_000);
});
