import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { grantScopeOf } from '../../oauth-server/scopes.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const appSchema = z.object({
  grant_id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  access: z.enum(['full', 'read']).nullable(),
  created_at: z.string().nullable(),
  expires_at: z.string().nullable(),
});

/** A client's name as a person recognises it: its registered name, else its metadata document's host. */
function displayName(clientId: string, registered: string | null): string {
  if (registered) return registered;
  try {
    return new URL(clientId).host;
  } catch {
    return clientId;
  }
}

function accessOf(payload: Record<string, unknown>): 'full' | 'read' | null {
  const resources = (payload.resources ?? {}) as Record<string, string>;
  return grantScopeOf(Object.values(resources).flatMap((scope) => String(scope).split(' '))) ?? null;
}

/** `/api/connected-apps`: the MCP clients the caller let sign in through MCPist's authorization server (ADR 0041). */
export const connectedAppsRoutes = defineRouteModule({
  deps: { grants: Tokens.OAuthServerRepository, audit: Tokens.AuditLogsRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/connected-apps',
        operationId: 'listConnectedApps',
        summary: 'MCP clients the caller allowed to use their MCPist account',
        tag: 'tokens',
        response: z.object({ apps: z.array(appSchema) }),
        async handle({ principal }) {
          const rows = await deps.grants.grantsOf(principal.userId);
          return {
            apps: rows.map((row) => ({
              grant_id: row.grant_id,
              client_id: row.client_id,
              client_name: displayName(row.client_id, row.client_name),
              access: accessOf(row.payload),
              created_at: iso(row.created_at),
              expires_at: iso(row.expires_at),
            })),
          };
        },
      }),
      defineRoute({
        method: 'delete',
        path: '/connected-apps/{id}',
        operationId: 'revokeConnectedApp',
        summary: 'Revokes a connected app: its tokens stop working on its next request',
        tag: 'tokens',
        status: 204,
        errors: [404],
        async handle(context) {
          const id = context.params.id ?? '';
          if (!(await deps.grants.revokeGrantOf(context.principal.userId, id)))
            throw ApiError.notFound('connected app');
          await recordAdminAction(deps, context, 'connected_app_revoked', { grant_id: id });
        },
      }),
    ];
  },
});
