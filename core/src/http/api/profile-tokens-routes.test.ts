import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../container/tokens.js';
import { apiClient } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

const MEMBER = '00000000-0000-0000-0000-0000000000d1';

let hub: TestHub;
let admin: ReturnType<typeof apiClient>;
let bob: { token: string; userId: string };
let asBob: ReturnType<typeof apiClient>;

beforeAll(async () => {
  hub = await startTestHub();
  admin = apiClient(hub.url, hub.token);
  bob = await hub.issueToken('bob@example.com');
  asBob = apiClient(hub.url, bob.token);
});
afterAll(async () => hub?.close());

/** What get_module_schema returns to a principal, module by module (a module outside their view returns nothing). */
async function schemaTools(token: string): Promise<string[]> {
  const client = await hub.connect({ token });
  const modules = [...hub.server.container.resolve(Tokens.ModuleCatalog).modules.keys()];
  const tools: string[] = [];
  for (const module of modules) {
    try {
      const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: [module] } });
      if (result.isError) continue;
      const content = result.structuredContent as {
        modules: Array<{ module: string; tools: Array<{ name: string }> }>;
      };
      for (const entry of content.modules) tools.push(...entry.tools.map((tool) => `${entry.module}:${tool.name}`));
    } catch {}
  }
  await client.close();
  return tools.sort();
}

describe('/api/auth/me and /api/profile', () => {
  it('describes the caller and stores their display name', async () => {
    expect((await asBob('get', '/auth/me')).body).toEqual({
      user_id: bob.userId,
      email: 'bob@example.com',
      display_name: null,
      system_role: 'user',
      via: 'api_token',
    });
    const put = await asBob('put', '/profile', { display_name: '  Bob B.  ' });
    expect(put.body).toMatchObject({ id: bob.userId, display_name: 'Bob B.', system_role: 'user' });
    expect((await asBob('get', '/profile')).body.display_name).toBe('Bob B.');
    expect((await asBob('get', '/auth/me')).body.display_name).toBe('Bob B.');
    expect((await admin('get', '/auth/me')).body).toMatchObject({ user_id: hub.userId, system_role: 'admin' });
    const role = (await admin('post', '/roles', { name: 'bob-role' })).body;
    await admin('put', `/users/${bob.userId}/roles`, { role_ids: [MEMBER, role.id] });
    const roles = (await asBob('get', '/profile/roles')).body.roles.map((r: { name: string }) => r.name);
    expect(roles).toEqual(['bob-role', 'member']);
  });
});

describe('/api/profile/tools and /api/profile/services', () => {
  it('lists exactly the tools get_module_schema returns, with connection status', async () => {
    await hub.setCredential('github', 'ghp_bob_secret_value', { userId: bob.userId });
    for (const token of [hub.token, bob.token]) {
      const listed = (await apiClient(hub.url, token)('get', '/profile/tools')).body.tools as Array<{
        module: string;
        tool: string;
      }>;
      expect(listed.map((t) => `${t.module}:${t.tool}`).sort()).toEqual(await schemaTools(token));
    }
    const tools = (await asBob('get', '/profile/tools')).body.tools;
    const github = tools.find((t: { module: string }) => t.module === 'github');
    if (github)
      expect(github).toMatchObject({ service: 'github', connection: 'connected_personal', deprecated: false });
    const notion = tools.find(
      (t: { tool: string; module: string }) => t.module === 'notion' && t.tool === 'delete_page',
    );
    if (notion) expect(notion).toMatchObject({ dangerous: true, read_only: false, connection: 'not_connected' });
  });

  it('reports personal and shared connections per service, with expiry and re-auth, never secrets', async () => {
    const container = hub.server.container;
    const { ciphertext, keyId } = await container.resolve(Tokens.KeyRing).encrypt('shared-oauth-access-token');
    await container.resolve(Tokens.Database).query(
      `insert into public.credentials (role_id, service, kind, secret, key_id, expires_at, status)
         values ($1, 'atlassian', 'oauth2', $2, $3, '2030-01-02T03:04:05Z', 'needs_reauth')`,
      [MEMBER, ciphertext, keyId],
    );
    const services = (await asBob('get', '/profile/services')).body.services as Array<Record<string, unknown>>;
    const byModule = new Map(services.map((s) => [s.module, s]));
    expect([...byModule.keys()].sort()).toEqual(['confluence', 'github', 'google-calendar', 'jira', 'notion']);
    expect(byModule.get('github')).toMatchObject({ connection: 'connected_personal', kind: 'token' });
    for (const module of ['jira', 'confluence']) {
      expect(byModule.get(module)).toEqual(
        expect.objectContaining({
          service: 'atlassian',
          connection: 'connected_shared',
          kind: 'oauth2',
          expires_at: '2030-01-02T03:04:05.000Z',
          needs_reauth: true,
        }),
      );
    }
    expect(byModule.get('notion')).toMatchObject({ connection: 'not_connected', auth_types: ['token', 'oauth2'] });
    // Alice holds the member role too: she sees the shared connection; a user without it would not.
    const aliceServices = (await admin('get', '/profile/services')).body.services;
    expect(aliceServices.find((s: { module: string }) => s.module === 'github').connection).toBe('not_connected');
  });
});

describe('/api/modules', () => {
  it('lists the registry to everyone; an admin sets status and notes, and they are stored', async () => {
    const listed = (await asBob('get', '/modules')).body.modules;
    expect(listed.map((m: { name: string }) => m.name)).toEqual([
      'confluence',
      'github',
      'google-calendar',
      'jira',
      'notion',
    ]);
    expect(listed[0]).toMatchObject({ status: 'stable', notes: null });
    const patched = await admin('patch', '/modules/jira', { status: 'deprecated', notes: 'Moving to v4' });
    expect(patched.body).toMatchObject({ name: 'jira', status: 'deprecated', notes: 'Moving to v4' });
    const jira = (await asBob('get', '/modules')).body.modules.find((m: { name: string }) => m.name === 'jira');
    expect(jira).toMatchObject({ status: 'deprecated', notes: 'Moving to v4' });
    expect((await admin('patch', '/modules/jira', { notes: null })).body).toMatchObject({
      status: 'deprecated',
      notes: null,
    });
    expect((await admin('patch', '/modules/jira', { status: 'stable' })).body.status).toBe('stable');
    const audit = (await admin('get', '/logs?event=module_updated')).body.entries;
    expect(audit[audit.length - 1]).toMatchObject({ details: { module: 'jira', changes: { status: 'deprecated' } } });
  });
});

describe('/api/tokens', () => {
  it('creates a token shown once, lists tokens without secrets, revokes only the caller’s own', async () => {
    const created = await asBob('post', '/tokens', { name: 'laptop' });
    expect(created.status).toBe(201);
    const { id, token, prefix } = created.body;
    expect(token).toMatch(/^mcpist_/);
    expect(token.startsWith(prefix)).toBe(true);
    expect((await apiClient(hub.url, token)('get', '/auth/me')).body.user_id).toBe(bob.userId);

    const list = await asBob('get', '/tokens');
    expect(list.body.tokens.map((t: { name: string }) => t.name).sort()).toEqual(['default', 'laptop']);
    expect(list.text).not.toContain(token);
    expect(list.text).not.toMatch(/hash|[0-9a-f]{64}/);
    expect((await admin('get', '/tokens')).body.tokens.map((t: { id: string }) => t.id)).not.toContain(id);

    expect((await admin('delete', `/tokens/${id}`)).status).toBe(404);
    expect((await apiClient(hub.url, token)('get', '/auth/me')).status).toBe(200);
    expect((await asBob('delete', `/tokens/${id}`)).status).toBe(204);
    expect((await apiClient(hub.url, token)('get', '/auth/me')).status).toBe(401);
    expect((await asBob('delete', `/tokens/${id}`)).status).toBe(404);
    const revoked = (await asBob('get', '/tokens')).body.tokens.find((t: { id: string }) => t.id === id);
    expect(revoked.revoked_at).not.toBeNull();
    const events = (await admin('get', `/logs?user_id=${bob.userId}`)).body.entries.map(
      (e: { event: string }) => e.event,
    );
    expect(events).toEqual(expect.arrayContaining(['token_created', 'token_revoked']));
  });
});

describe('/api/logs', () => {
  it('pages newest first with limit and before, and filters by event and user', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) await admin('post', '/roles', { name: `page-${name}` });
    const all = (await admin('get', '/logs?event=role_created&limit=200')).body;
    expect(all.next_before).toBeNull();
    const ids = all.entries.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = (await admin('get', '/logs?event=role_created&limit=2')).body;
    expect(first.entries.map((e: { id: string }) => Number(e.id))).toEqual(ids.slice(0, 2));
    expect(first.next_before).toBe(String(ids[1]));
    const second = (await admin('get', `/logs?event=role_created&limit=2&before=${first.next_before}`)).body;
    expect(second.entries.map((e: { id: string }) => Number(e.id))).toEqual(ids.slice(2, 4));
    expect(all.entries[0]).toMatchObject({ user_id: hub.userId, user_email: 'alice@example.com' });
    const mine = (await admin('get', `/logs?user_id=${bob.userId}&limit=200`)).body.entries;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((e: { user_id: string }) => e.user_id))).toEqual(new Set([bob.userId]));
  });
});
