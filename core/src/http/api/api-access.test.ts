import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, errorCodeName } from '../../errors/error-codes.js';
import { apiRequest } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { apiRoutes } from './api-routes.js';
import type { ApiRoute } from './define-route.js';

const MEMBER_ROLE = '00000000-0000-0000-0000-0000000000d1';

let hub: TestHub;
let routes: ApiRoute[];
let bob: string;
let aliceTokenId: string;
let requestId: string;

/** A concrete URL for a route, pointing at objects that exist (so a leak past the guard would act). */
const concretePath = (route: ApiRoute) =>
  route.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    if (name === 'name') return 'github';
    if (name === 'service') return route.tag === 'oauth-apps' ? 'notion' : 'github';
    if (route.tag === 'users') return hub.userId;
    if (route.tag === 'roles') return MEMBER_ROLE;
    if (route.tag === 'tokens') return aliceTokenId;
    if (route.tag === 'access-requests') return requestId;
    throw new Error(`no sample for {${name}} in ${route.path}`);
  });

/** A body the route would accept from an admin, so only the guard can stop it. */
const sampleBodies: Record<string, unknown> = {
  updateProfile: { display_name: 'Mallory' },
  createUser: { email: 'eve@example.com', system_role: 'admin' },
  updateUser: { system_role: 'user' },
  setUserRoles: { role_ids: [] },
  createRole: { name: 'sneaky', enabled_modules: ['github'] },
  updateRole: { name: 'renamed' },
  setRolePermissions: { enabled_modules: ['github'], tool_masks: { github: [] } },
  updateModule: { status: 'broken' },
  createToken: { name: 'x' },
  setProfileToken: { token: 'ghp_sample_token_value' },
  setRoleToken: { token: 'ghp_sample_token_value' },
  setOAuthApp: { client_id: 'sample-client' },
  requestAccess: { module: 'notion' },
  approveAccessRequest: { role_id: MEMBER_ROLE },
  declineAccessRequest: { reason: 'no' },
};

const snapshot = async () => {
  const get = async (path: string) => (await apiRequest(hub.url, 'get', path, { token: hub.token })).body;
  return {
    users: await get('/users'),
    roles: await get('/roles'),
    modules: ((await get('/modules')).modules as Array<Record<string, unknown>>).map(
      ({ last_verified_at, ...rest }) => rest,
    ),
    oauthApps: await get('/oauth-apps'),
    tokens: ((await get('/tokens')).tokens as Array<Record<string, unknown>>).map(({ last_used_at, ...rest }) => rest),
    accessRequests: await get('/access-requests'),
  };
};

beforeAll(async () => {
  hub = await startTestHub();
  routes = apiRoutes(hub.server.container);
  bob = (await hub.issueToken('bob@example.com')).token;
  const tokens = await apiRequest(hub.url, 'get', '/tokens', { token: hub.token });
  aliceTokenId = tokens.body.tokens[0].id;
  // A pending access request of a user without roles, for the admin routes that decide one.
  const carol = await hub.issueToken('carol@example.com');
  await apiRequest(hub.url, 'put', `/users/${carol.userId}/roles`, { token: hub.token, body: { role_ids: [] } });
  const asked = await apiRequest(hub.url, 'post', '/profile/access-requests', {
    token: carol.token,
    body: { module: 'github' },
  });
  requestId = asked.body.id;
});
afterAll(async () => hub?.close());

describe('authentication on every route', () => {
  it('answers 401 with WWW-Authenticate and 1003 UNAUTHORIZED without a token, or with a bad one', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(24);
    for (const route of routes) {
      for (const token of [null, 'mcpist_not-a-real-token', 'garbage']) {
        const answer = await apiRequest(hub.url, route.method, concretePath(route), {
          token,
          body: sampleBodies[route.operationId],
        });
        const where = `${route.method} ${route.path} token=${token}`;
        expect(answer.status, where).toBe(401);
        expect(answer.headers.get('www-authenticate'), where).toBe(
          `Bearer resource_metadata="${hub.url}/.well-known/oauth-protected-resource"${token === null ? '' : ', error="invalid_token"'}`,
        );
        // Without a token: 1003. A bad one may also be read as a JWT by the authenticator (1001).
        const codes = token === null ? [ErrorCodes.UNAUTHORIZED] : [ErrorCodes.UNAUTHORIZED, ErrorCodes.INVALID_JWT];
        expect(codes, where).toContain(answer.body.error.code);
        expect(answer.body.error.name, where).toBe(errorCodeName(answer.body.error.code));
      }
    }
  });
});

describe('authorization', () => {
  it('answers 403 to a user on every admin route, and nothing changes', async () => {
    const before = await snapshot();
    const adminRoutes = routes.filter((route) => route.admin);
    expect(adminRoutes.map((route) => route.operationId).sort()).toEqual(
      [
        'listUsers',
        'createUser',
        'getUser',
        'updateUser',
        'deleteUser',
        'getUserRoles',
        'setUserRoles',
        'listRoles',
        'createRole',
        'getRole',
        'updateRole',
        'deleteRole',
        'getRolePermissions',
        'setRolePermissions',
        'updateModule',
        'getCatalog',
        'listAccessRequests',
        'approveAccessRequest',
        'declineAccessRequest',
        'getCallStats',
        'listAuditLogs',
        'startRoleOAuth',
        'setRoleToken',
        'deleteRoleCredential',
        'listOAuthApps',
        'setOAuthApp',
        'deleteOAuthApp',
      ].sort(),
    );
    for (const route of adminRoutes) {
      const answer = await apiRequest(hub.url, route.method, concretePath(route), {
        token: bob,
        body: sampleBodies[route.operationId],
      });
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
      expect(answer.body.error).toMatchObject({ code: ErrorCodes.UNAUTHORIZED, name: 'UNAUTHORIZED' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets a user reach the routes that are theirs', async () => {
    for (const route of routes.filter((r) => !r.admin && r.method === 'get')) {
      const answer = await apiRequest(hub.url, 'get', concretePath(route), { token: bob });
      expect(answer.status, route.path).toBe(200);
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, public, listing every mounted route', async () => {
    const answer = await apiRequest(hub.url, 'get', '/openapi.json', { token: null });
    expect(answer.status).toBe(200);
    const document = answer.body;
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.operationId).toBe(route.operationId);
      expect(Object.keys(operation.responses)).toContain('401');
      if (route.admin) expect(Object.keys(operation.responses)).toContain('403');
      if (route.body) expect(operation.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    }
    // Every documented operation is served (not the 404 fallback).
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) {
        const concrete = path.replace(/\{\w+\}/g, '00000000-0000-0000-0000-000000000000');
        const served = await apiRequest(hub.url, method, concrete, { token: null });
        expect(served.status, `${method} ${path}`).not.toBe(404);
      }
    }
  });

  it('documents the same schema the route validates with', async () => {
    const document = (await apiRequest(hub.url, 'get', '/openapi.json', { token: null })).body;
    const schema = document.paths['/roles/{id}/permissions'].put.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['enabled_modules']);
    expect(Object.keys(schema.properties).sort()).toEqual(['enabled_modules', 'tool_masks']);
    const logs = document.paths['/logs'].get.parameters.map((p: { name: string }) => p.name);
    expect(logs.sort()).toEqual(['before', 'event', 'limit', 'module', 'since', 'until', 'user_id']);
  });
});

describe('unknown routes under /api', () => {
  it('answer 404 in the API error shape', async () => {
    const answer = await apiRequest(hub.url, 'get', '/nope', { token: hub.token });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe(ErrorCodes.INVALID_PARAMS);
  });
});
