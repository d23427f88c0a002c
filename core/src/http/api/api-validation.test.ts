import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../errors/error-codes.js';
import { apiRequest } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

const MEMBER = '00000000-0000-0000-0000-0000000000d1';
const NO_SUCH = '7d4f6a4e-1f0b-4c8e-9a51-2b6f0c0e9d11';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ http: { maxBodyBytes: 4096 } });
});
afterAll(async () => hub?.close());

const snapshot = async () => {
  const get = async (path: string) => (await apiRequest(hub.url, 'get', path, { token: hub.token })).body;
  const strip = (rows: Array<Record<string, unknown>>, key: string) => rows.map(({ [key]: _x, ...rest }) => rest);
  return {
    profile: await get('/profile'),
    users: await get('/users'),
    roles: await get('/roles'),
    modules: strip((await get('/modules')).modules, 'last_verified_at'),
    tokens: strip((await get('/tokens')).tokens, 'last_used_at'),
  };
};

type Case = [method: string, path: string, body: unknown, field: string];

const cases = (): Case[] => [
  ['put', '/profile', { display_name: 5 }, 'display_name'],
  ['put', '/profile', { display_name: 'x', email: 'a@b.c' }, 'email'],
  ['put', '/profile', {}, 'display_name'],
  ['post', '/users', { email: 'not-an-email' }, 'email'],
  ['post', '/users', {}, 'email'],
  ['post', '/users', { email: 'carol@example.com', role: 'admin' }, 'role'],
  ['post', '/users', { email: 'carol@example.com', system_role: 'root' }, 'system_role'],
  ['post', '/users', [], 'body'],
  ['patch', `/users/${hub.userId}`, { system_role: 'owner' }, 'system_role'],
  ['patch', `/users/${hub.userId}`, { display_name: '' }, 'display_name'],
  ['put', `/users/${hub.userId}/roles`, { role_ids: ['not-a-uuid'] }, 'role_ids[0]'],
  ['put', `/users/${hub.userId}/roles`, { role_ids: [MEMBER, NO_SUCH] }, 'role_ids[1]'],
  ['put', `/users/${hub.userId}/roles`, { roles: [MEMBER] }, 'role_ids'],
  ['post', '/roles', { name: '' }, 'name'],
  ['post', '/roles', { name: 'Équipe' }, 'name'],
  ['post', '/roles', { name: 'ops', enabled_modules: ['github', 'nope'] }, 'enabled_modules[1]'],
  [
    'post',
    '/roles',
    { name: 'ops', enabled_modules: ['github'], tool_masks: { github: ['nope'] } },
    'tool_masks.github[0]',
  ],
  ['post', '/roles', { name: 'ops', tool_masks: { nope: [] } }, 'tool_masks.nope'],
  ['post', '/roles', { name: 'ops', enabled_modules: 'github' }, 'enabled_modules'],
  ['patch', `/roles/${MEMBER}`, { name: 'x', permissions: {} }, 'permissions'],
  ['put', `/roles/${MEMBER}/permissions`, { enabled_modules: [1] }, 'enabled_modules[0]'],
  ['put', `/roles/${MEMBER}/permissions`, { tool_masks: {} }, 'enabled_modules'],
  [
    'put',
    `/roles/${MEMBER}/permissions`,
    { enabled_modules: ['jira'], tool_masks: { jira: [7] } },
    'tool_masks.jira[0]',
  ],
  [
    'put',
    `/roles/${MEMBER}/permissions`,
    { enabled_modules: ['jira'], tool_masks: { jira: ['drop_db'] } },
    'tool_masks.jira[0]',
  ],
  ['patch', '/modules/github', { status: 'gone' }, 'status'],
  ['patch', '/modules/github', { status: 'broken', owner: 'me' }, 'owner'],
  ['post', '/tokens', {}, 'name'],
  ['post', '/tokens', { name: '   ' }, 'name'],
  ['get', '/logs?limit=0', undefined, 'limit'],
  ['get', '/logs?limit=abc', undefined, 'limit'],
  ['get', '/logs?before=abc', undefined, 'before'],
  ['get', '/logs?user_id=bob', undefined, 'user_id'],
  ['get', '/logs?colour=red', undefined, 'colour'],
];

describe('malformed requests', () => {
  it('answer 400 INVALID_PARAMS naming the field, and change nothing', async () => {
    const before = await snapshot();
    for (const [method, path, body, field] of cases()) {
      const answer = await apiRequest(hub.url, method, path, { token: hub.token, body });
      const where = `${method} ${path} ${JSON.stringify(body)}`;
      expect(answer.status, where).toBe(400);
      expect(answer.body.error, where).toMatchObject({
        code: ErrorCodes.INVALID_PARAMS,
        name: 'INVALID_PARAMS',
        field,
      });
      expect(answer.body.error.issues.length, where).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names every unknown module or tool, not just the first', async () => {
    const answer = await apiRequest(hub.url, 'put', `/roles/${MEMBER}/permissions`, {
      token: hub.token,
      body: { enabled_modules: ['x1', 'github', 'x2'], tool_masks: { github: ['y'] } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues.map((issue: { field: string }) => issue.field)).toEqual([
      'enabled_modules[0]',
      'enabled_modules[2]',
      'tool_masks.github[0]',
    ]);
  });

  it.each([
    ['invalid JSON', '{"name": ', 400],
    ['a bare string', '"x"', 400],
    ['null', 'null', 400],
  ])('answers %s with 400 in the API shape, never JSON-RPC', async (_label, rawBody, status) => {
    const answer = await apiRequest(hub.url, 'post', '/tokens', { token: hub.token, rawBody });
    expect(answer.status).toBe(status);
    expect(answer.body.jsonrpc).toBeUndefined();
    expect(answer.body.error).toMatchObject({ code: ErrorCodes.INVALID_PARAMS, field: 'body' });
  });

  it('answers a body over the configured limit with 413 in the API shape', async () => {
    const answer = await apiRequest(hub.url, 'put', '/profile', {
      token: hub.token,
      body: { display_name: 'x'.repeat(10_000) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: ErrorCodes.INVALID_PARAMS, field: 'body' });
  });

  it.each([
    ['get', '/users/not-a-uuid'],
    ['patch', '/users/42'],
    ['delete', `/users/${NO_SUCH}`],
    ['get', '/roles/not%20a%20uuid'],
    ['get', `/roles/${NO_SUCH}/permissions`],
    ['delete', '/roles/x'],
    ['delete', '/tokens/x'],
    ['delete', `/tokens/${NO_SUCH}`],
    ['patch', '/modules/nope'],
  ])('answers %s %s with 404, not 500', async (method, path) => {
    const answer = await apiRequest(hub.url, method, path, {
      token: hub.token,
      ...(method === 'patch' ? { body: {} } : {}),
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe(ErrorCodes.INVALID_PARAMS);
  });
});
