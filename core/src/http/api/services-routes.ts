import type { AuthDeclaration } from '@mcpist/plugin-sdk';
import { z } from 'zod';
import { authOf, tokenFieldIssues } from '../../broker/service-auth.js';
import { Tokens } from '../../container/tokens.js';
import type { OutboundPolicy } from '../../outbound/outbound-policy.js';
import type { ModuleCatalog } from '../../plugins/module-catalog.js';
import type { CredentialOwner } from '../../store/repositories/credentials-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule, type RouteContext } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const tokenBody = z.strictObject({
  token: z.string().trim().min(1).max(10_000),
  /** Non-secret companion fields the plugin declares (Atlassian's email and site). */
  fields: z.record(z.string(), z.string().max(500)).default({}),
});
const startResponse = z.object({
  /** MCPist's connect page: it names the account and service, then sends the browser to the provider. */
  connect_url: z.string(),
  expires_at: z.string().nullable(),
});
const savedResponse = z.object({ service: z.string(), kind: z.enum(['token', 'oauth2']), shared: z.boolean() });

function requireService(catalog: ModuleCatalog, service: string | undefined): AuthDeclaration[] {
  const declared = authOf(catalog, service ?? '');
  if (declared.length === 0) throw ApiError.notFound(`service "${service}"`);
  return declared;
}

/** Refuses a type-A body that does not fit the declaration, naming every offending field. */
function checkToken(declared: AuthDeclaration[], fields: Record<string, string>, policy: OutboundPolicy): void {
  const issues = tokenFieldIssues(declared, fields, policy);
  if (issues.length > 0) throw ApiError.badRequest(issues);
}

/**
 * Connecting services: a user's own credentials under `/profile/services`, a
 * role's shared ones under `/roles/{id}/services` (admins), by token (type A)
 * or OAuth (type B). Secrets go in and are never returned.
 */
export const servicesRoutes = defineRouteModule({
  deps: {
    roles: Tokens.RolesRepository,
    catalog: Tokens.ModuleCatalog,
    oauthFlow: Tokens.OAuthFlow,
    broker: Tokens.TokenBroker,
    audit: Tokens.AuditLogsRepository,
    outbound: Tokens.OutboundPolicy,
  },
  routes(deps) {
    const role = async (id: string | undefined) => {
      const found = await deps.roles.findById(id ?? '');
      if (!found) throw ApiError.notFound('role');
      return found;
    };
    const startFlow = async (context: RouteContext<undefined, undefined>, owner: CredentialOwner) => {
      const service = context.params.service ?? '';
      const declared = requireService(deps.catalog, service);
      if (!declared.some((auth) => auth.oauth2)) {
        throw ApiError.invalidField('service', 'this service connects with a token, not OAuth');
      }
      try {
        const started = await deps.oauthFlow.start({
          userId: context.principal.userId,
          roleId: owner.roleId,
          service,
          baseUrl: context.baseUrl,
        });
        return { connect_url: started.connectUrl, expires_at: iso(started.expiresAt) };
      } catch (error) {
        const reason = (error as { data?: { reason?: string } }).data?.reason;
        if (reason === 'no_oauth_app') throw ApiError.conflict((error as Error).message);
        throw error;
      }
    };
    const saveToken = async (owner: CredentialOwner, service: string, body: z.output<typeof tokenBody>) => {
      checkToken(requireService(deps.catalog, service), body.fields, deps.outbound);
      await deps.broker.setToken(owner, service, body.token, body.fields);
      return { service, kind: 'token' as const, shared: owner.roleId !== null };
    };
    const remove = async (owner: CredentialOwner, service: string) => {
      requireService(deps.catalog, service);
      if (!(await deps.broker.removeCredential(owner, service))) throw ApiError.notFound('credential');
    };

    return [
      defineRoute({
        method: 'post',
        path: '/profile/services/{service}/oauth/start',
        operationId: 'startProfileOAuth',
        summary:
          'Starts connecting the caller’s own account by OAuth: returns MCPist’s connect page to open in a browser',
        tag: 'services',
        response: startResponse,
        errors: [404, 409],
        handle: (context) => startFlow(context, { userId: context.principal.userId, roleId: null }),
      }),
      defineRoute({
        method: 'put',
        path: '/profile/services/{service}/token',
        operationId: 'setProfileToken',
        summary: 'Stores the caller’s own token for a service (type A), encrypted',
        tag: 'services',
        body: tokenBody,
        response: savedResponse,
        errors: [404],
        handle: ({ principal, params, body }) =>
          saveToken({ userId: principal.userId, roleId: null }, params.service ?? '', body),
      }),
      defineRoute({
        method: 'delete',
        path: '/profile/services/{service}/token',
        operationId: 'deleteProfileCredential',
        summary: 'Removes the caller’s own credential for a service (token or OAuth)',
        tag: 'services',
        status: 204,
        errors: [404],
        handle: ({ principal, params }) => remove({ userId: principal.userId, roleId: null }, params.service ?? ''),
      }),
      defineRoute({
        method: 'post',
        path: '/roles/{id}/services/{service}/oauth/start',
        operationId: 'startRoleOAuth',
        summary: 'Starts connecting a role’s shared account by OAuth (admin)',
        tag: 'roles',
        admin: true,
        response: startResponse,
        errors: [404, 409],
        handle: async (context) => startFlow(context, { userId: null, roleId: (await role(context.params.id)).id }),
      }),
      defineRoute({
        method: 'put',
        path: '/roles/{id}/services/{service}',
        operationId: 'setRoleToken',
        summary: 'Stores a role’s shared token for a service (type A), encrypted (admin)',
        tag: 'roles',
        admin: true,
        body: tokenBody,
        response: savedResponse,
        errors: [404],
        async handle(context) {
          const found = await role(context.params.id);
          const saved = await saveToken({ userId: null, roleId: found.id }, context.params.service ?? '', context.body);
          await recordAdminAction(deps, context, 'shared_credential_set', {
            role_id: found.id,
            service: saved.service,
          });
          return saved;
        },
      }),
      defineRoute({
        method: 'delete',
        path: '/roles/{id}/services/{service}',
        operationId: 'deleteRoleCredential',
        summary: 'Removes a role’s shared credential for a service (admin)',
        tag: 'roles',
        admin: true,
        status: 204,
        errors: [404],
        async handle(context) {
          const found = await role(context.params.id);
          await remove({ userId: null, roleId: found.id }, context.params.service ?? '');
          await recordAdminAction(deps, context, 'shared_credential_removed', {
            role_id: found.id,
            service: context.params.service,
          });
        },
      }),
    ];
  },
});
