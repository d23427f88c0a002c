import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso } from './route-helpers.js';

const entrySchema = z.object({
  id: z.string(),
  occurred_at: z.string().nullable(),
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  event: z.string(),
  module: z.string().nullable(),
  tool: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  request_id: z.string().nullable(),
});

/** `GET /api/logs`: the audit log for administrators, newest first, paged by id. */
export const logsRoutes = defineRouteModule({
  deps: { audit: Tokens.AuditLogsRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/logs',
        operationId: 'listAuditLogs',
        summary: 'Audit log entries, newest first; pass next_before as before for the next page',
        tag: 'logs',
        admin: true,
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z
            .string()
            .regex(/^[1-9]\d{0,17}$/, 'an entry id')
            .optional(),
          event: z.string().min(1).max(64).optional(),
          user_id: z.guid().optional(),
        }),
        response: z.object({ entries: z.array(entrySchema), next_before: z.string().nullable() }),
        async handle({ query }) {
          const rows = await deps.audit.page({
            limit: query.limit,
            before: query.before,
            event: query.event,
            userId: query.user_id,
          });
          const last = rows.at(-1);
          return {
            entries: rows.map((row) => ({ ...row, occurred_at: iso(row.occurred_at) })),
            next_before: rows.length === query.limit && last ? last.id : null,
          };
        },
      }),
    ];
  },
});
