import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { apiRequest } from '../test-support/api-client.js';
import {
  authorizeByFetch,
  FetchBrowser,
  pkcePair,
  registerClient,
  tokenRequest,
} from '../test-support/authorize-by-fetch.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { OAuthAccessTokens } from './access-tokens.js';

/**
 * MCPist's authorization server refuses what OAuth 2.1 and MCP authorization
 * say it must, each through the running hub's real endpoints.
 */

const REDIRECT = 'http://127.0.0.1:9/callback';
let hub: TestHub;
let resource: string;
let clientId: string;

async function mcp(token: string, body: unknown) {
  const response = await fetch(`${hub.url}/mcp?mode=direct`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), text: await response.text() };
}

const listTools = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };

/** Signs in as alice, consents, and exchanges the code. */
async function issueTokens(
  access: 'full' | 'read' = 'full',
  browser = new FetchBrowser(hub.url),
  scope?: string,
  forResource = resource,
) {
  const { verifier, challenge } = pkcePair();
  const result = await authorizeByFetch(browser, {
    clientId,
    redirectUri: REDIRECT,
    challenge,
    resource: forResource,
    token: hub.token,
    access,
    ...(scope ? { scope } : {}),
  });
  const code = result.location?.searchParams.get('code') as string;
  expect(code).toBeTruthy();
  const exchange = await tokenRequest(hub.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: clientId,
    code_verifier: verifier,
    resource: forResource,
  });
  expect(exchange.status).toBe(200);
  return { code, verifier, tokens: exchange.body };
}

beforeAll(async () => {
  hub = await startTestHub();
  resource = `${hub.url}/mcp`;
  const registered = await registerClient(hub.url, { client_name: 'Refusal Test Client', redirect_uris: [REDIRECT] });
  expect(registered.status).toBe(201);
  clientId = String(registered.body.client_id);
});

afterAll(async () => {
  await hub?.close();
});

describe('discovery', () => {
  it('lists MCPist as the authorization server of /mcp, with PKCE S256 only, metadata documents and iss', async () => {
    const prm = (await (await fetch(`${hub.url}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(prm.authorization_servers).toEqual([hub.url]);
    expect(prm.scopes_supported).toEqual(['mcp:full', 'mcp:read']);
    const as = (await (await fetch(`${hub.url}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(as.issuer).toBe(hub.url);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.client_id_metadata_document_supported).toBe(true);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    expect(as.registration_endpoint).toBe(`${hub.url}/oauth/register`);
    const unauthenticated = await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toContain('scope="mcp:full"');
  });
});

// Claude Code compares the protected resource it is told with the URL it was given: a server listening on
// 127.0.0.1 and added as http://localhost:PORT/mcp must say localhost, and honour tokens for that spelling.
describe('a loopback server reached under another loopback name', () => {
  it('describes itself as the client reached it, and issues tokens that work there', async () => {
    expect(new URL(hub.url).hostname).toBe('127.0.0.1');
    const local = hub.url.replace('127.0.0.1', 'localhost');
    const unauthenticated = await fetch(`${local}/mcp`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toContain(
      `resource_metadata="${local}/.well-known/oauth-protected-resource"`,
    );
    const prm = (await (await fetch(`${local}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(prm.resource).toBe(`${local}/mcp`);
    expect(prm.authorization_servers).toEqual([hub.url]);
    const direct = (await (await fetch(`${hub.url}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<
      string,
      unknown
    >;
    expect(direct.resource).toBe(`${hub.url}/mcp`);

    const { tokens } = await issueTokens('full', new FetchBrowser(hub.url), undefined, `${local}/mcp`);
    const listed = await fetch(`${local}/mcp?mode=direct`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(listTools),
    });
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain('github_list_issues');
  });
});

describe('refusals', () => {
  it('refuses a redirect URI the client did not register, without redirecting anywhere (no open redirect)', async () => {
    const { challenge } = pkcePair();
    const result = await authorizeByFetch(new FetchBrowser(hub.url), {
      clientId,
      redirectUri: 'https://evil.example/steal',
      challenge,
      token: hub.token,
    });
    expect(result.status).toBe(400);
    expect(result.location).toBeUndefined();
    expect(result.html).toContain('redirect_uri');
  });

  it('refuses an authorization request without PKCE, and a code exchanged with a wrong or missing verifier', async () => {
    const noPkce = await authorizeByFetch(new FetchBrowser(hub.url), {
      clientId,
      redirectUri: REDIRECT,
      token: hub.token,
    });
    expect(noPkce.location?.searchParams.get('error')).toBe('invalid_request');
    expect(noPkce.location?.searchParams.get('iss')).toBe(hub.url);

    const { challenge } = pkcePair();
    const result = await authorizeByFetch(new FetchBrowser(hub.url), {
      clientId,
      redirectUri: REDIRECT,
      challenge,
      token: hub.token,
    });
    const code = result.location?.searchParams.get('code') as string;
    const base = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId };
    const wrong = await tokenRequest(hub.url, { ...base, code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const missing = await tokenRequest(hub.url, base);
    expect(missing.status).toBe(400);
  });

  it('refuses a replayed code and revokes what the first exchange gave', async () => {
    const { code, verifier, tokens } = await issueTokens();
    expect((await mcp(tokens.access_token as string, listTools)).status).toBe(200);
    const replay = await tokenRequest(hub.url, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: clientId,
      code_verifier: verifier,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect((await mcp(tokens.access_token as string, listTools)).status).toBe(401);
  });

  it('rotates refresh tokens, and a reused one revokes the grant', async () => {
    const { tokens } = await issueTokens();
    const first = await tokenRequest(hub.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token as string,
      client_id: clientId,
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await mcp(first.body.access_token as string, listTools)).status).toBe(200);

    const reuse = await tokenRequest(hub.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token as string,
      client_id: clientId,
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    expect((await mcp(first.body.access_token as string, listTools)).status).toBe(401);
    const after = await tokenRequest(hub.url, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
      client_id: clientId,
    });
    expect(after.status).toBe(400);
  });

  it('refuses a resource other than its MCP endpoint, and a token bound to another resource', async () => {
    const { challenge } = pkcePair();
    const other = await authorizeByFetch(new FetchBrowser(hub.url), {
      clientId,
      redirectUri: REDIRECT,
      challenge,
      resource: 'https://other.example/mcp',
      token: hub.token,
    });
    expect(other.location?.searchParams.get('error')).toBe('invalid_target');

    const { tokens } = await issueTokens();
    // The same tokens, checked as another MCP endpoint would check them: refused by audience.
    // biome-ignore lint/suspicious/noExplicitAny: the running hub's provider, reached through its access-token binding
    const bound = (hub.server.container.resolve(Tokens.AccessTokens) as any).bound;
    const asOther = new OAuthAccessTokens(
      (await bound.tokens()).provider,
      'https://other.example/mcp',
      hub.server.container.resolve(Tokens.UsersRepository),
    );
    await expect(asOther.principalFor(tokens.access_token as string)).rejects.toThrow(/another resource/);
  });

  it('refuses consent posted from another site, or without the browser that started the sign-in', async () => {
    const { challenge } = pkcePair();
    const browser = new FetchBrowser(hub.url);
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 's',
    });
    const start = await browser.get(`/oauth/authorize?${query}`);
    const signedIn = await browser.post(`${start.headers.get('location')}/login`, { token: hub.token });
    const resumed = await browser.get(signedIn.headers.get('location') as string);
    const consent = resumed.headers.get('location') as string;
    expect(consent).toMatch(/^\/oauth\/interaction\//);

    const crossSite = await browser.post(
      `${consent}/consent`,
      { decision: 'allow', access: 'full' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const noOrigin = await browser.post(`${consent}/consent`, { decision: 'allow', access: 'full' }, {});
    expect(noOrigin.status).toBe(403);
    const otherBrowser = await new FetchBrowser(hub.url).post(`${consent}/consent`, {
      decision: 'allow',
      access: 'full',
    });
    expect(otherBrowser.status).toBe(400);
    expect(otherBrowser.headers.get('location')).toBeNull();
    // The browser that started it, from MCPist's own page, still can.
    const own = await browser.post(`${consent}/consent`, { decision: 'allow', access: 'full' });
    expect(own.status).toBe(303);
  });

  it('refuses a client metadata document on loopback or a private address without fetching it', async () => {
    let connections = 0;
    const sink: Server = createServer((_req, res) => {
      connections += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const { port } = sink.address() as AddressInfo;
    try {
      for (const documentUrl of [
        `https://127.0.0.1:${port}/client.json`,
        `https://localhost:${port}/client.json`,
        `https://[::1]:${port}/client.json`,
        'https://10.0.0.7/client.json',
        'https://169.254.169.254/latest/meta-data',
        `http://127.0.0.1:${port}/client.json`,
      ]) {
        const { challenge } = pkcePair();
        const result = await authorizeByFetch(new FetchBrowser(hub.url), {
          clientId: documentUrl,
          redirectUri: `http://127.0.0.1:${port}/cb`,
          challenge,
          token: hub.token,
        });
        expect(result.status, documentUrl).toBe(400);
        expect(result.location, documentUrl).toBeUndefined();
        expect(result.html, documentUrl).toContain('invalid_client');
      }
      expect(connections).toBe(0);
    } finally {
      sink.close();
    }
  });
});

describe('scopes and connected apps', () => {
  it('a read-only grant lists and runs only read-only tools; a write tool of the user asks for mcp:full', async () => {
    const { tokens } = await issueTokens('read');
    expect(tokens.scope?.split(' ')).toEqual(['mcp:read']);
    const listed = await mcp(tokens.access_token as string, listTools);
    expect(listed.status).toBe(200);
    expect(listed.text).toContain('github_list_issues');
    expect(listed.text).not.toContain('github_create_issue');
    const write = await mcp(tokens.access_token as string, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'github_create_issue', arguments: { owner: 'o', repo: 'r', title: 't' } },
    });
    expect(write.status).toBe(403);
    expect(write.challenge).toContain('error="insufficient_scope"');
    expect(write.challenge).toContain('scope="mcp:full"');
    const unknown = await mcp(tokens.access_token as string, {
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'nosuch_tool', arguments: {} },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('unknown tool');
  });

  it('steps up: asking for mcp:full after a read-only grant shows the consent page again', async () => {
    const browser = new FetchBrowser(hub.url);
    const read = await issueTokens('read', browser);
    expect(read.tokens.scope).toBe('mcp:read');
    // Same browser, same client: a read-only grant is remembered...
    const again = await issueTokens('read', browser, 'mcp:read');
    expect(again.tokens.scope).toBe('mcp:read');
    // ...but asking for full access is a new question to the user.
    const full = await issueTokens('full', browser, 'mcp:full');
    expect(full.tokens.scope?.split(' ')).toContain('mcp:full');
  });

  it('lists connected apps, and revoking one makes its next request 401', async () => {
    const { tokens } = await issueTokens();
    expect((await mcp(tokens.access_token as string, listTools)).status).toBe(200);
    const listed = await apiRequest(hub.url, 'get', '/connected-apps', { token: hub.token });
    expect(listed.status).toBe(200);
    const app = (listed.body.apps as Array<{ grant_id: string; client_name: string; access: string }>)[0];
    expect(app?.client_name).toBe('Refusal Test Client');
    expect(app?.access).toBe('full');
    const bob = await hub.issueToken('bob@example.com');
    const notBobs = await apiRequest(hub.url, 'delete', `/connected-apps/${app?.grant_id}`, { token: bob.token });
    expect(notBobs.status).toBe(404);
    const revoked = await apiRequest(hub.url, 'delete', `/connected-apps/${app?.grant_id}`, { token: hub.token });
    expect(revoked.status).toBe(204);
    expect((await mcp(tokens.access_token as string, listTools)).status).toBe(401);
  });
});
