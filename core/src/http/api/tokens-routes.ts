import { z } from 'zod';
import { tokenDisplayPrefix } from '../../auth/api-token.js';
import { Tokens } from '../../container/tokens.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

/** `/api/tokens`: the caller's own API tokens. A new token is shown once; only its hash is kept. */
export const tokensRoutes = defineRouteModule({
  deps: { apiTokens: Tokens.ApiTokensRepository, issuer: Tokens.ApiTokenIssuer, audit: Tokens.AuditLogsRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/tokens',
        operationId: 'listTokens',
        summary: 'The caller’s API tokens (never the tokens themselves)',
        tag: 'tokens',
        response: z.object({ tokens: z.array(tokenSchema) }),
        async handle({ principal }) {
          const rows = await deps.apiTokens.listOf(principal.userId);
          return {
            tokens: rows.map((row) => ({
              id: row.id,
              name: row.name,
              prefix: row.token_prefix,
              created_at: iso(row.created_at),
              last_used_at: iso(row.last_used_at),
              revoked_at: iso(row.revoked_at),
            })),
          };
        },
      }),
      defineRoute({
        method: 'post',
        path: '/tokens',
        operationId: 'createToken',
        summary: 'Creates an API token for the caller; the response is the only time it is shown',
        tag: 'tokens',
        status: 201,
        body: z.strictObject({ name: z.string().trim().min(1).max(64) }),
        response: z.object({ id: z.string(), name: z.string(), prefix: z.string(), token: z.string() }),
        async handle(context) {
          const { token, tokenId } = await deps.issuer.issue(context.principal.email, context.body.name);
          await recordAdminAction(deps, context, 'token_created', { token_id: tokenId, name: context.body.name });
          return { id: tokenId, name: context.body.name, prefix: tokenDisplayPrefix(token), token };
        },
      }),
      defineRoute({
        method: 'delete',
        path: '/tokens/{id}',
        operationId: 'revokeToken',
        summary: 'Revokes one of the caller’s tokens; other users’ tokens are not found',
        tag: 'tokens',
        status: 204,
        errors: [404],
        async handle(context) {
          const id = context.params.id ?? '';
          if (!(await deps.apiTokens.revoke(context.principal.userId, id))) throw ApiError.notFound('token');
          await recordAdminAction(deps, context, 'token_revoked', { token_id: id });
        },
      }),
    ];
  },
});
