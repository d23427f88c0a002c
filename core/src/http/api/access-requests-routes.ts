import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import type { AccessRequestRow } from '../../store/repositories/access-requests-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const requestSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  user_email: z.string(),
  module: z.string(),
  note: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  role_id: z.string().nullable(),
  role_name: z.string().nullable(),
  reason: z.string().nullable(),
  created_at: z.string().nullable(),
  decided_at: z.string().nullable(),
});

const requestJson = (row: AccessRequestRow) => ({
  ...row,
  created_at: iso(row.created_at),
  decided_at: iso(row.decided_at),
});

/**
 * Access requests (DESIGN §4): a user asks for an installed module their
 * roles lack; an admin approves by assigning a role that enables it — the
 * user's next call sees its tools — or declines with a reason.
 */
export const accessRequestsRoutes = defineRouteModule({
  deps: {
    requests: Tokens.AccessRequestsRepository,
    registry: Tokens.ModuleRegistryRepository,
    roles: Tokens.RolesRepository,
    sieve: Tokens.ToolSieve,
    audit: Tokens.AuditLogsRepository,
  },
  routes(deps) {
    const pending = async (id: string | undefined) => {
      const found = await deps.requests.find(id ?? '');
      if (!found) throw ApiError.notFound('access request');
      if (found.status !== 'pending') throw ApiError.conflict(`this request was already ${found.status}`);
      return found;
    };
    const admin = { tag: 'access-requests', admin: true } as const;
    return [
      defineRoute({
        method: 'get',
        path: '/profile/access-requests',
        operationId: 'listOwnAccessRequests',
        summary: 'The caller’s access requests and their outcome, newest first',
        tag: 'access-requests',
        response: z.object({ requests: z.array(requestSchema) }),
        async handle({ principal }) {
          return { requests: (await deps.requests.listOf(principal.userId)).map(requestJson) };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/profile/access-requests',
        operationId: 'requestAccess',
        summary: 'Asks the administrators for an installed module the caller’s roles lack',
        tag: 'access-requests',
        status: 201,
        errors: [409],
        body: z.strictObject({ module: z.string().min(1).max(100), note: z.string().max(500).default('') }),
        response: requestSchema,
        async handle(context) {
          const { module, note } = context.body;
          const installed = (await deps.registry.list()).find((row) => row.module_name === module);
          if (!installed || installed.status === 'broken') {
            throw ApiError.invalidField('module', `no installed module "${module}"`);
          }
          const view = await deps.sieve.viewFor(context.principal);
          if (view.moduleNames.includes(module)) throw ApiError.conflict(`you can already use ${module}`);
          const created = await deps.requests.create(context.principal.userId, module, note);
          if (!created) throw ApiError.conflict(`a request for ${module} is already pending`);
          await recordAdminAction(deps, context, 'access_requested', { request_id: created.id, module });
          return requestJson(created);
        },
      }),
      defineRoute({
        ...admin,
        method: 'get',
        path: '/access-requests',
        operationId: 'listAccessRequests',
        summary: 'Access requests with a status (pending by default), oldest first',
        query: z.strictObject({ status: z.enum(['pending', 'approved', 'declined']).default('pending') }),
        response: z.object({ requests: z.array(requestSchema) }),
        async handle({ query }) {
          return { requests: (await deps.requests.list(query.status)).map(requestJson) };
        },
      }),
      defineRoute({
        ...admin,
        method: 'post',
        path: '/access-requests/{id}/approve',
        operationId: 'approveAccessRequest',
        summary: 'Approves a pending request by giving the user a role that enables the module',
        errors: [404, 409],
        body: z.strictObject({ role_id: z.guid() }),
        response: requestSchema,
        async handle(context) {
          const request = await pending(context.params.id);
          const role = await deps.roles.findById(context.body.role_id);
          if (!role) throw ApiError.invalidField('role_id', 'unknown role');
          if (!role.enabledModules.includes(request.module)) {
            throw ApiError.invalidField('role_id', `role ${role.name} does not enable ${request.module}`);
          }
          if (
            !(await deps.requests.decide(request.id, {
              status: 'approved',
              roleId: role.id,
              reason: null,
              by: context.principal.userId,
            }))
          ) {
            throw ApiError.conflict('this request was decided meanwhile');
          }
          await deps.roles.assign(request.user_id, role.id);
          await recordAdminAction(deps, context, 'access_request_approved', {
            request_id: request.id,
            target_user_id: request.user_id,
            module: request.module,
            role_id: role.id,
          });
          return requestJson((await deps.requests.find(request.id)) as AccessRequestRow);
        },
      }),
      defineRoute({
        ...admin,
        method: 'post',
        path: '/access-requests/{id}/decline',
        operationId: 'declineAccessRequest',
        summary: 'Declines a pending request with a reason the user sees',
        errors: [404, 409],
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
        response: requestSchema,
        async handle(context) {
          const request = await pending(context.params.id);
          const decided = await deps.requests.decide(request.id, {
            status: 'declined',
            roleId: null,
            reason: context.body.reason,
            by: context.principal.userId,
          });
          if (!decided) throw ApiError.conflict('this request was decided meanwhile');
          await recordAdminAction(deps, context, 'access_request_declined', {
            request_id: request.id,
            target_user_id: request.user_id,
            module: request.module,
          });
          return requestJson((await deps.requests.find(request.id)) as AccessRequestRow);
        },
      }),
    ];
  },
});
