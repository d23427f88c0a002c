import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveOAuthApp } from '../core/src/broker/oauth-apps.js';
import { brokerClient, SupabaseCredentialSource } from '../core/src/broker/supabase-credential-source.js';
import { Tokens } from '../core/src/container/tokens.js';
import { ErrorCodes } from '../core/src/errors/error-codes.js';
import { McpistError } from '../core/src/errors/mcpist-error.js';
import { allowedToolsOf } from '../core/src/neutral/allowed-tools.js';
import { KeyRing } from '../core/src/secrets/key-ring.js';
import { EdgeRoleSieve } from '../core/src/sieve/edge-role-sieve.js';
import { type RunningEdgeFunctions, startEdgeFunctions } from '../core/src/test-support/edge-functions.js';
import {
  type FakeIdentityProvider,
  startFakeIdentityProvider,
} from '../core/src/test-support/fake-identity-provider.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../core/src/test-support/fake-oauth-provider.js';
import { startTestPostgres, type TestPostgres } from '../core/src/test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../core/src/test-support/test-hub.js';
import { type FakeNotion, startFakeNotion } from '../plugins/notion/test/fake-notion.js';

/**
 * Supabase mode end to end (ADR 0042): a hub on a real PostgreSQL server with
 * the migrations and the Supabase auth shim, whose credentials come from the
 * Edge Functions running for real under Deno (the `deno` npm package), on
 * loopback only. Never skipped: PostgreSQL and Deno are part of the suite.
 */

const SERVICE = 'notion';
const BROKER_KEY = randomBytes(32).toString('base64url');

let postgres: TestPostgres;
let databaseUrl: string;
let keyDir: string;
let idp: FakeIdentityProvider;
let notion: FakeNotion;
let provider: FakeOAuthProvider;
let functions: RunningEdgeFunctions;
let hub: TestHub;
let client: Client;
let bob: { token: string; userId: string };
/** Requests that reached the functions, by function name (a counting relay in front of them). */
const invocations = new Map<string, number>();
let relay: Server;
let relayUrl: string;

/** Forwards to the functions and counts what passes: the hub's round trips are what the test measures. */
async function startCountingRelay(target: string): Promise<void> {
  relay = createServer(async (req, res) => {
    const name = /^\/functions\/v1\/([a-z-]+)/.exec(req.url ?? '')?.[1] ?? 'other';
    invocations.set(name, (invocations.get(name) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([key, value]) => typeof value === 'string' && key !== 'host'),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const back: Record<string, string | string[]> = {};
    answer.headers.forEach((value, key) => {
      if (key !== 'set-cookie' && key !== 'content-length' && key !== 'transfer-encoding') back[key] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) back['set-cookie'] = cookies;
    res.writeHead(answer.status, back);
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `mcpist_edge_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Links a Supabase Auth subject to an MCPist user, as a first sign-in does; returns the subject. */
async function linkSubject(userId: string, email: string): Promise<string> {
  const subject = randomUUID();
  await hub.server.container
    .resolve(Tokens.Database)
    .query(`insert into public.auth_accounts (user_id, provider, subject, email) values ($1, $2, $3, $4)`, [
      userId,
      idp.issuer,
      subject,
      email,
    ]);
  return subject;
}

async function callFunction(name: string, bearer: string, body: unknown) {
  const response = await fetch(`${functions.url}/functions/v1/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface CallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

const listUsers = () =>
  client.callTool({
    name: 'call',
    arguments: { module: 'notion', tool: 'list_users', params: {} },
  }) as Promise<CallResult>;

beforeAll(async () => {
  postgres = await startTestPostgres();
  databaseUrl = await freshDatabase(postgres.url);
  keyDir = mkdtempSync(join(tmpdir(), 'mcpist-edge-keys-'));
  const keyFile = join(keyDir, 'keys.json');
  KeyRing.loadOrCreate(keyFile);
  idp = await startFakeIdentityProvider();
  notion = await startFakeNotion();
  provider = await startFakeOAuthProvider({
    clientAuth: 'basic',
    rotateRefreshTokens: true,
    tokenDelayMs: 50,
    accessTokens: Array.from({ length: 5 }, () => notion.token),
  });
  functions = await startEdgeFunctions({
    TOKEN_BROKER_KEY: BROKER_KEY,
    SUPABASE_DB_URL: databaseUrl,
    MCPIST_KEY_RING: readFileSync(keyFile, 'utf8'),
    MCPIST_JWKS_URL: idp.jwksUrl,
    MCPIST_JWT_ISSUER: idp.issuer,
  });
  await startCountingRelay(functions.url);
  hub = await startTestHub({
    databaseUrl,
    keyFile,
    tokenBrokerUrl: relayUrl,
    tokenBrokerKey: BROKER_KEY,
    pluginSettings: { notion: { baseUrl: notion.url, rateLimits: { requestsPerSecond: 10_000, maxConcurrent: 200 } } },
  });
  const c = hub.server.container;
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), SERVICE, {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
  client = await hub.connect();
  bob = await hub.issueToken('bob@example.com');
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => relay?.close(resolve));
  await functions?.stop();
  await provider?.close();
  await notion?.close();
  await idp?.close();
  await postgres?.stop();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

describe('Supabase mode: the Edge Functions under Deno', () => {
  it('gives a tool call its credential from token-exchanger, refreshing an expired token once for 20 concurrent calls', async () => {
    const changes = hub.server.container.resolve(Tokens.StoreChanges);
    let credentialChanges = 0;
    const stop = changes.on(['credentials'], () => credentialChanges++);
    await hub.server.container.resolve(Tokens.TokenBroker).setOAuthTokens(
      { userId: hub.userId, roleId: null },
      SERVICE,
      {
        accessToken: 'stale-access-token',
        refreshToken: provider.grantRefreshToken(),
        expiresAt: new Date(Date.now() - 60_000),
        scopes: undefined,
        extras: {},
      },
      {},
    );
    await expect.poll(() => credentialChanges).toBe(1);
    invocations.clear();
    const results = await Promise.all(Array.from({ length: 20 }, () => listUsers()));
    for (const result of results) expect(result.isError, JSON.stringify(result.structuredContent)).toBeFalsy();
    expect(provider.refreshRequests).toBe(1);
    // The adapter asked once for the 20 calls; the server's own broker refreshed nothing.
    expect(invocations.get('token-exchanger')).toBe(1);
    const metric = await hub.server.container.resolve(Tokens.Metrics).tokenRefreshTotal.get();
    expect(metric.values.filter((v) => v.labels.service === SERVICE)).toEqual([]);

    // The function's save of the refreshed token is a credential change: the cache drops what it held once...
    await expect.poll(() => credentialChanges).toBe(2);
    stop();
    expect((await listUsers()).isError).toBeFalsy();
    expect(invocations.get('token-exchanger')).toBe(2);
    // ...then the steady path: the access token is served from memory until shortly before it lapses.
    const again = await Promise.all(Array.from({ length: 5 }, () => listUsers()));
    for (const result of again) expect(result.isError).toBeFalsy();
    expect(invocations.get('token-exchanger')).toBe(2);
    expect(provider.refreshRequests).toBe(1);

    // The refresh was saved by the function, sealed under the shared key ring.
    const rows = await hub.server.container
      .resolve(Tokens.Database)
      .query<{ secret: string; expires_at: Date }>(
        'select secret, expires_at from public.credentials where service = $1',
        [SERVICE],
      );
    expect(await hub.server.container.resolve(Tokens.KeyRing).decrypt(rows[0]?.secret as string)).toBe(notion.token);
    expect(rows[0]?.expires_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('refreshes once through the function when the upstream rejects a token that looked fresh (401), then retries', async () => {
    const changes = hub.server.container.resolve(Tokens.StoreChanges);
    let heard = 0;
    const stop = changes.on(['credentials'], () => heard++);
    await hub.server.container.resolve(Tokens.TokenBroker).setOAuthTokens(
      { userId: hub.userId, roleId: null },
      SERVICE,
      {
        accessToken: 'revoked-but-dated-access-token',
        refreshToken: provider.grantRefreshToken(),
        expiresAt: new Date(Date.now() + 3_600_000),
        scopes: undefined,
        extras: {},
      },
      {},
    );
    await expect.poll(() => heard).toBe(1);
    stop();
    invocations.clear();
    const before = provider.refreshRequests;
    const result = await listUsers();
    expect(result.isError, JSON.stringify(result.structuredContent)).toBeFalsy();
    expect(provider.refreshRequests).toBe(before + 1);
    // One exchange for the dated token, one carrying the rejected token back.
    expect(invocations.get('token-exchanger')).toBe(2);
  });

  it('answers tool-sieve with exactly what get_module_schema shows the user', async () => {
    const bobClient = await hub.connect({ token: bob.token });
    const shown: unknown[] = [];
    for (const module of hub.server.container.resolve(Tokens.ModuleCatalog).modules.keys()) {
      const result = (await bobClient.callTool({
        name: 'get_module_schema',
        arguments: { modules: [module] },
      })) as CallResult;
      if (result.isError) continue;
      shown.push(...((result.structuredContent as { modules: unknown[] }).modules ?? []));
    }
    await bobClient.close();
    expect(shown.length).toBeGreaterThan(0);

    const sieve = await callFunction('tool-sieve', BROKER_KEY, { user_id: bob.userId });
    expect(sieve.status).toBe(200);
    expect(sieve.body.user_id).toBe(bob.userId);
    expect(sieve.body.modules).toEqual(shown);
    // The server asks the function (once per user and permission epoch); the answer is the rule the server's
    // embedded and PostgreSQL modes apply, computed here from the same roles.
    expect(hub.server.container.resolve(Tokens.RoleSieve)).toBeInstanceOf(EdgeRoleSieve);
    const c = hub.server.container;
    const local = allowedToolsOf(
      c.resolve(Tokens.ModuleCatalog),
      await c.resolve(Tokens.RolesRepository).rolesOfUser(bob.userId),
      await c.resolve(Tokens.ModuleRegistryRepository).statuses(),
    ).map((tool) => `${tool.module.name}:${tool.definition.name}`);
    const remote = (sieve.body.modules as Array<{ module: string; tools: Array<{ name: string }> }>).flatMap((module) =>
      module.tools.map((tool) => `${module.module}:${tool.name}`),
    );
    expect(remote).toEqual(local);
    // The sieve did filter: the default role masks the dangerous tools, which the catalog has.
    const listed = (sieve.body.modules as Array<{ tools: unknown[] }>).reduce(
      (n, module) => n + module.tools.length,
      0,
    );
    const catalog = [...hub.server.container.resolve(Tokens.ModuleCatalog).modules.values()];
    expect(listed).toBeLessThan(catalog.reduce((n, module) => n + module.tools.size, 0));
  });

  it('refuses a wrong TOKEN_BROKER_KEY, through the adapter and directly, without a token in the answer', async () => {
    const wrong = new SupabaseCredentialSource(
      brokerClient(functions.url, randomBytes(32).toString('base64url')),
      undefined,
    );
    const principal = {
      userId: hub.userId,
      email: 'alice@example.com',
      systemRole: 'admin' as const,
      via: 'local' as const,
    };
    const refused = await wrong.credentialFor(principal, SERVICE).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(McpistError);
    expect((refused as McpistError).code).toBe(ErrorCodes.UNAUTHORIZED);
    expect((refused as McpistError).message).toContain('token broker key is wrong');

    for (const name of ['token-exchanger', 'tool-sieve']) {
      const answer = await callFunction(name, 'not-the-broker-key', { user_id: hub.userId, service: SERVICE });
      expect(answer.status, name).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain(notion.token);
    }
    const none = await fetch(`${functions.url}/functions/v1/token-exchanger`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
  });

  it("keeps a user's JWT to their own rows: B's tools and any token exchange are refused", async () => {
    const aliceSubject = await linkSubject(hub.userId, 'alice@example.com');
    await linkSubject(bob.userId, 'bob@example.com');
    const aliceJwt = await idp.sign({ sub: aliceSubject, email: 'alice@example.com' });

    const own = await callFunction('tool-sieve', aliceJwt, {});
    expect(own.status).toBe(200);
    expect(own.body.user_id).toBe(hub.userId);

    const other = await callFunction('tool-sieve', aliceJwt, { user_id: bob.userId });
    expect(other.status).toBe(403);
    expect(other.body).not.toHaveProperty('modules');

    const exchange = await callFunction('token-exchanger', aliceJwt, { user_id: hub.userId, service: SERVICE });
    expect(exchange.status).toBe(403);
    expect(JSON.stringify(exchange.body)).not.toContain(notion.token);

    const forged = await idp.sign({ sub: aliceSubject }, { unpublishedKey: true });
    expect((await callFunction('tool-sieve', forged, {})).status).toBe(401);
    const expired = await idp.sign({ sub: aliceSubject }, { expiresIn: -600 });
    expect((await callFunction('tool-sieve', expired, {})).status).toBe(401);
  });

  it('connects a service through oauth-callback: bound to the browser on the function origin, tokens stored encrypted', async () => {
    const flow = hub.server.container.resolve(Tokens.OAuthFlow);
    const { connectUrl } = await flow.start({ userId: bob.userId, roleId: null, service: SERVICE, baseUrl: hub.url });
    const state = new URL(connectUrl).searchParams.get('flow') as string;
    const begin = `${relayUrl}/functions/v1/oauth-callback/${SERVICE}/begin`;
    // MCPist's connect page sends its button to the function, and its policy allows that form target.
    const connectPage = await fetch(connectUrl);
    expect(await connectPage.text()).toContain(`action="${begin}"`);
    expect(connectPage.headers.get('content-security-policy')).toContain(new URL(relayUrl).origin);

    const bound = await fetch(begin, {
      method: 'POST',
      body: new URLSearchParams({ flow: state }),
      redirect: 'manual',
    });
    expect(bound.status).toBe(303);
    const cookie = (bound.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^mcpist_connect_[0-9a-f]{16}=/);
    const authorize = bound.headers.get('location') as string;
    expect(authorize.startsWith(provider.authorizeUrl)).toBe(true);
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    const callback = atProvider.headers.get('location') as string;
    expect(callback.startsWith(`${relayUrl}/functions/v1/oauth-callback/${SERVICE}?`)).toBe(true);

    // Another browser (no binding cookie) is refused, and cannot burn the flow.
    const stranger = await fetch(callback, { redirect: 'manual' });
    expect(stranger.status).toBe(403);
    const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.text()).toContain('connected');
    expect(provider.codeRequests).toBe(1);

    const rows = await hub.server.container
      .resolve(Tokens.Database)
      .query<{ secret: string; refresh_secret: string | null }>(
        'select secret, refresh_secret from public.credentials where user_id = $1 and service = $2',
        [bob.userId, SERVICE],
      );
    expect(rows).toHaveLength(1);
    const keyRing = hub.server.container.resolve(Tokens.KeyRing);
    expect(await keyRing.decrypt(rows[0]?.secret as string)).toBe(provider.issuedAccessTokens.at(-1));
    expect(rows[0]?.refresh_secret).toMatch(/^v1:/);
    // Used up: the same callback again is refused.
    expect((await fetch(callback, { headers: { cookie }, redirect: 'manual' })).status).toBe(400);
  });

  it('answers bad input with a clear 400 and changes nothing', async () => {
    const bad = await callFunction('token-exchanger', BROKER_KEY, { user_id: 'not-a-uuid', service: SERVICE });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: ErrorCodes.INVALID_PARAMS, data: { field: 'user_id' } } });
    const noService = await callFunction('token-exchanger', BROKER_KEY, { user_id: hub.userId });
    expect(noService.status).toBe(400);
    const notJson = await fetch(`${functions.url}/functions/v1/tool-sieve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BROKER_KEY}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
