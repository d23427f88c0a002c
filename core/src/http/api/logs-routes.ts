import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { ApiError } from './api-error.js';
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

const callSchema = z.object({
  /** The audit log entry's id. */
  id: z.string(),
  occurred_at: z.string().nullable(),
  module: z.string().nullable(),
  tool: z.string().nullable(),
  ok: z.boolean(),
  /** The MCPist error code of a failed call. */
  error_code: z.string().nullable(),
  duration_ms: z.number().nullable(),
});

const entryId = z
  .string()
  .regex(/^[1-9]\d{0,17}$/, 'an entry id')
  .optional();
const moduleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a module name')
  .optional();

/** `GET /api/logs` (administrators) and `GET /api/profile/calls` (everyone's own tool calls). */
export const logsRoutes = defineRouteModule({
  deps: { audit: Tokens.AuditLogsRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/logs',
        operationId: 'listAuditLogs',
        summary:
          'Audit log entries, newest first, filtered by event, user, module and time (since ≤ occurred_at < until); pass next_before as before for the next page',
        tag: 'logs',
        admin: true,
        query: z
          .strictObject({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: entryId,
            event: z.string().min(1).max(64).optional(),
            user_id: z.guid().optional(),
            module: moduleName,
            since: z.iso.datetime({ offset: true }).optional(),
            until: z.iso.datetime({ offset: true }).optional(),
          })
          .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
            path: ['until'],
            message: 'must be after since',
          }),
        response: z.object({ entries: z.array(entrySchema), next_before: z.string().nullable() }),
        async handle({ query }) {
          const rows = await deps.audit.page({
            limit: query.limit,
            before: query.before,
            event: query.event,
            userId: query.user_id,
            module: query.module,
            since: query.since ? new Date(query.since) : undefined,
            until: query.until ? new Date(query.until) : undefined,
          });
          const last = rows.at(-1);
          return {
            entries: rows.map((row) => ({ ...row, occurred_at: iso(row.occurred_at) })),
            next_before: rows.length === query.limit && last ? last.id : null,
          };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/profile/calls',
        operationId: 'listMyCalls',
        summary:
          'The caller’s own most recent tool calls (from the audit log, written within about a second); another user’s only for administrators',
        tag: 'profile',
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          user_id: z.guid().optional(),
        }),
        response: z.object({ calls: z.array(callSchema) }),
        async handle({ principal, query }) {
          const userId = query.user_id ?? principal.userId;
          if (userId !== principal.userId && principal.systemRole !== 'admin') {
            throw ApiError.forbidden('you can only see your own calls');
          }
          const rows = await deps.audit.page({ limit: query.limit, event: 'tool_called', userId });
          return {
            calls: rows.map((row) => {
              const duration = row.details.duration_ms;
              return {
                id: row.id,
                occurred_at: iso(row.occurred_at),
                module: row.module,
                tool: row.tool,
                ok: row.details.ok === true,
                error_code: row.reason,
                duration_ms: typeof duration === 'number' ? duration : null,
              };
            }),
          };
        },
      }),
    ];
  },
});
