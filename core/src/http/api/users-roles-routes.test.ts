import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../container/tokens.js';
import { apiClient } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

const MEMBER = '00000000-0000-0000-0000-0000000000d1';

let hub: TestHub;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  hub = await startTestHub();
  admin = apiClient(hub.url, hub.token);
});
afterAll(async () => hub?.close());

const lastEvent = async (event: string) => (await admin('get', `/logs?event=${event}&limit=1`)).body.entries[0];

describe('/api/users', () => {
  it('creates, reads, changes and deletes a user, allowing and disallowing their email', async () => {
    const allowed = hub.server.container.resolve(Tokens.AllowedUsersRepository);
    const created = await admin('post', '/users', { email: 'Carol@Example.com', display_name: 'Carol' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'carol@example.com', display_name: 'Carol', system_role: 'user' });
    const id = created.body.id;
    expect(await allowed.isAllowed('carol@example.com')).toBe(true);
    expect((await admin('get', `/users/${id}`)).body).toMatchObject({ email: 'carol@example.com' });
    expect((await admin('get', '/users')).body.users.map((u: { email: string }) => u.email)).toContain(
      'carol@example.com',
    );
    expect(await lastEvent('user_created')).toMatchObject({ user_id: hub.userId, details: { target_user_id: id } });

    const clash = await admin('post', '/users', { email: 'CAROL@example.com' });
    expect(clash.status).toBe(409);

    const changed = await admin('patch', `/users/${id}`, { display_name: 'Caro', system_role: 'admin' });
    expect(changed.status).toBe(200);
    expect((await admin('get', `/users/${id}`)).body).toMatchObject({ display_name: 'Caro', system_role: 'admin' });
    expect(await lastEvent('user_updated')).toMatchObject({ details: { target_user_id: id } });

    expect((await admin('delete', `/users/${id}`)).status).toBe(204);
    expect((await admin('get', `/users/${id}`)).status).toBe(404);
    expect(await allowed.isAllowed('carol@example.com')).toBe(false);
    expect(await lastEvent('user_deleted')).toMatchObject({ details: { target_user_id: id } });
  });

  it('refuses to delete or demote the last administrator (409), changing nothing', async () => {
    const demote = await admin('patch', `/users/${hub.userId}`, { system_role: 'user', display_name: 'Not me' });
    expect(demote.status).toBe(409);
    const remove = await admin('delete', `/users/${hub.userId}`);
    expect(remove.status).toBe(409);
    expect((await admin('get', `/users/${hub.userId}`)).body).toMatchObject({
      system_role: 'admin',
      display_name: null,
    });
    // With a second administrator, the first may step down.
    const dave = (await admin('post', '/users', { email: 'dave@example.com', system_role: 'admin' })).body;
    expect((await admin('patch', `/users/${dave.id}`, { system_role: 'user' })).status).toBe(200);
    expect((await admin('delete', `/users/${dave.id}`)).status).toBe(204);
  });

  it('replaces a user’s roles', async () => {
    const erin = (await admin('post', '/users', { email: 'erin@example.com' })).body;
    expect((await admin('get', `/users/${erin.id}/roles`)).body.roles.map((r: { id: string }) => r.id)).toEqual([
      MEMBER,
    ]);
    const dev = (await admin('post', '/roles', { name: 'dev-erin', enabled_modules: ['github'] })).body;
    const set = await admin('put', `/users/${erin.id}/roles`, { role_ids: [dev.id] });
    expect(set.status).toBe(200);
    expect(set.body.roles.map((r: { name: string }) => r.name)).toEqual(['dev-erin']);
    expect((await admin('get', `/users/${erin.id}/roles`)).body.roles.map((r: { id: string }) => r.id)).toEqual([
      dev.id,
    ]);
    expect(await lastEvent('user_roles_assigned')).toMatchObject({
      details: { target_user_id: erin.id, roles: ['dev-erin'] },
    });
    expect((await admin('put', `/users/${erin.id}/roles`, { role_ids: [] })).body.roles).toEqual([]);
  });
});

describe('/api/roles', () => {
  it('creates a role with the dangerous tools of its modules masked unless masks are given', async () => {
    const created = await admin('post', '/roles', {
      name: 'writers',
      description: 'Docs people',
      enabled_modules: ['notion', 'jira', 'github'],
      tool_masks: { jira: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'writers',
      description: 'Docs people',
      is_default: false,
      enabled_modules: ['notion', 'jira', 'github'],
      tool_masks: {
        notion: ['delete_block', 'delete_page'],
        jira: [],
        github: ['delete_repository', 'merge_pull_request'],
      },
    });
    const stored = (await admin('get', `/roles/${created.body.id}/permissions`)).body;
    expect(stored).toEqual({
      enabled_modules: ['notion', 'jira', 'github'],
      tool_masks: {
        notion: ['delete_block', 'delete_page'],
        jira: [],
        github: ['delete_repository', 'merge_pull_request'],
      },
    });
    expect(await lastEvent('role_created')).toMatchObject({ details: { role_id: created.body.id, name: 'writers' } });
  });

  it('answers 409 when a name is taken (case-insensitively), on create and on rename', async () => {
    const first = (await admin('post', '/roles', { name: 'ops' })).body;
    const second = (await admin('post', '/roles', { name: 'ops-2' })).body;
    expect((await admin('post', '/roles', { name: 'OPS' })).status).toBe(409);
    expect((await admin('patch', `/roles/${second.id}`, { name: 'Ops' })).status).toBe(409);
    expect((await admin('get', `/roles/${second.id}`)).body.name).toBe('ops-2');
    const renamed = await admin('patch', `/roles/${first.id}`, { name: 'operators', description: 'On call' });
    expect(renamed.body).toMatchObject({ name: 'operators', description: 'On call' });
    expect(await lastEvent('role_updated')).toMatchObject({ details: { role_id: first.id } });
  });

  it('replaces permissions: newly enabled modules get dangerous masks, kept modules keep theirs', async () => {
    const role = (await admin('post', '/roles', { name: 'support', enabled_modules: ['jira'] })).body;
    expect(role.tool_masks).toEqual({ jira: ['delete_issue'] });
    const put = await admin('put', `/roles/${role.id}/permissions`, {
      enabled_modules: ['jira', 'confluence', 'google-calendar'],
      tool_masks: { 'google-calendar': ['list_events'] },
    });
    expect(put.status).toBe(200);
    const expected = {
      enabled_modules: ['jira', 'confluence', 'google-calendar'],
      tool_masks: { jira: ['delete_issue'], confluence: ['delete_page'], 'google-calendar': ['list_events'] },
    };
    expect(put.body).toEqual(expected);
    expect((await admin('get', `/roles/${role.id}/permissions`)).body).toEqual(expected);
    const cleared = await admin('put', `/roles/${role.id}/permissions`, {
      enabled_modules: ['jira'],
      tool_masks: { jira: [] },
    });
    expect(cleared.body).toEqual({ enabled_modules: ['jira'], tool_masks: { jira: [] } });
    expect(await lastEvent('role_permissions_changed')).toMatchObject({
      details: { role_id: role.id, enabled_modules: ['jira'] },
    });
  });

  it('deletes a role and its assignments', async () => {
    const role = (await admin('post', '/roles', { name: 'temp' })).body;
    const { userId } = await hub.issueToken('frank@example.com');
    await admin('put', `/users/${userId}/roles`, { role_ids: [role.id, MEMBER] });
    expect((await admin('delete', `/roles/${role.id}`)).status).toBe(204);
    expect((await admin('get', `/roles/${role.id}`)).status).toBe(404);
    expect((await admin('get', '/roles')).body.roles.map((r: { id: string }) => r.id)).not.toContain(role.id);
    expect((await admin('get', `/users/${userId}/roles`)).body.roles.map((r: { id: string }) => r.id)).toEqual([
      MEMBER,
    ]);
    expect(await lastEvent('role_deleted')).toMatchObject({ details: { role_id: role.id, name: 'temp' } });
  });
});
