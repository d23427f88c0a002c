import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { type ErrorCode, ErrorCodes } from '../errors/error-codes.js';
import { type FakeIdentityProvider, startFakeIdentityProvider } from '../test-support/fake-identity-provider.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let idp: FakeIdentityProvider;
let hub: TestHub;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  idp = await startFakeIdentityProvider();
  hub = await startTestHub({
    // This file is about an external identity provider; MCPist's own authorization server has its own tests.
    oauthServer: { enabled: false },
    jwt: { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'authenticated' },
    authorizationServers: ['https://auth.example.com'],
  });
  const allowed = hub.server.container.resolve(Tokens.AllowedUsersRepository);
  await allowed.add('bob@example.com');
}, 30_000);

afterAll(async () => {
  await hub?.close();
  await idp?.close();
});

function postMcp(authorization: string | undefined) {
  return fetch(`${hub.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

const bob = { sub: '7f1d0e5c-aaaa-4bbb-8ccc-000000000b0b', email: 'bob@example.com' };

describe('JWT sign-in on /mcp, with the official MCP client', () => {
  it('serves a Supabase-shaped JWT of an allowed email, creating and linking the user', async () => {
    const client = await hub.connect({ token: await idp.sign(bob) });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_module_schema', 'call', 'batch']);
    const user = await hub.server.container.resolve(Tokens.UsersRepository).findByEmail('bob@example.com');
    // alice (API token) was first and is admin; bob is a user.
    expect(user?.system_role).toBe('user');
  });

  it("serves MCPist's own session token, whose key /.well-known/jwks.json publishes", async () => {
    const { token } = await hub.server.container
      .resolve(Tokens.SessionIssuer)
      .mint({ id: hub.userId, email: 'alice@example.com' });
    const client = await hub.connect({ token });
    expect((await client.listTools()).tools).toHaveLength(3);
    const response = await fetch(`${hub.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeProtectedHeader(token).kid);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('cannot connect the MCP client with an expired JWT', async () => {
    await expect(hub.connect({ token: await idp.sign(bob, { expiresIn: -600 }) })).rejects.toThrow();
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => Promise<string>, ErrorCode]>([
    ['an expired JWT', () => idp.sign(bob, { expiresIn: -600 }), ErrorCodes.JWT_EXPIRED],
    [
      'an expired MCPist session token',
      async () =>
        (
          await hub.server.container
            .resolve(Tokens.SessionIssuer)
            .mint({ id: hub.userId, email: 'alice@example.com' }, now() - 7_200)
        ).token,
      ErrorCodes.JWT_EXPIRED,
    ],
    ['a wrong issuer', () => idp.sign(bob, { issuer: 'https://evil.supabase.co/auth/v1' }), ErrorCodes.INVALID_JWT],
    ['a wrong audience', () => idp.sign(bob, { audience: 'anon' }), ErrorCodes.INVALID_JWT],
    [
      'alg: none',
      async () => `${b64({ alg: 'none' })}.${b64({ ...bob, iss: idp.issuer, aud: 'authenticated', exp: now() + 60 })}.`,
      ErrorCodes.INVALID_JWT,
    ],
    ['an unknown kid', () => idp.sign(bob, { kid: 'rotated-away' }), ErrorCodes.INVALID_JWT],
    ['a tampered signature', async () => `${(await idp.sign(bob)).slice(0, -4)}AAAA`, ErrorCodes.INVALID_JWT],
    [
      'an email not allowed to sign in',
      () => idp.sign({ sub: 'c0ffee00-0000-4000-8000-000000000bad', email: 'eve@example.com' }),
      ErrorCodes.UNAUTHORIZED,
    ],
  ])('answers %s with 401, WWW-Authenticate and the code', async (_name, make, code) => {
    const token = await make();
    const response = await postMcp(`Bearer ${token}`);
    expect(response.status).toBe(401);
    const header = response.headers.get('www-authenticate') ?? '';
    expect(header).toBe(
      `Bearer resource_metadata="${hub.url}/.well-known/oauth-protected-resource", error="invalid_token"`,
    );
    const body = (await response.json()) as { error: { message: string; data: { code: number } } };
    expect(body.error.data.code).toBe(code);
    expect(body.error.message).not.toContain(token.split('.')[1]);
  });

  it('leaves sign-in to the authorization servers when there are some: no token hint on /mcp', async () => {
    const response = await postMcp(undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${hub.url}/.well-known/oauth-protected-resource"`,
    );
    expect(((await response.json()) as { error: { message: string } }).error.message).not.toContain('npx mcpist');
  });

  it('names the configured authorization servers and the JWT issuer in the protected-resource metadata', async () => {
    const metadata = (await (await fetch(`${hub.url}/.well-known/oauth-protected-resource`)).json()) as {
      authorization_servers: string[];
    };
    expect(metadata.authorization_servers).toEqual(['https://auth.example.com', idp.issuer]);
  });
});

describe('the admin API, with the same authentication', () => {
  let url: string;
  beforeAll(() => {
    url = `${hub.url}/api/auth/me`;
  });

  it.each<[string, () => Promise<string | undefined>, number, ErrorCode | undefined, boolean]>([
    ['no token', async () => undefined, 401, ErrorCodes.UNAUTHORIZED, false],
    [
      'an expired JWT',
      async () => `Bearer ${await idp.sign(bob, { expiresIn: -600 })}`,
      401,
      ErrorCodes.JWT_EXPIRED,
      true,
    ],
    ['a valid JWT', async () => `Bearer ${await idp.sign(bob)}`, 200, undefined, false],
    ['an API token', async () => `Bearer ${hub.token}`, 200, undefined, false],
  ])('with %s answers %i', async (_name, authorization, status, code, invalidToken) => {
    const header = await authorization();
    const response = await fetch(url, header ? { headers: { authorization: header } } : {});
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error?: { code: number }; via?: string };
    if (code) {
      expect(body.error?.code).toBe(code);
      const challenge = response.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(
        /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"/,
      );
      expect(challenge.includes('error="invalid_token"')).toBe(invalidToken);
    } else {
      expect(body.via).toBe(header?.includes('mcpist_') ? 'api_token' : 'jwt');
    }
  });
});
