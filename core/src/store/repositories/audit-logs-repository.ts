import type { Queryable } from '../database.js';

export interface AuditEvent {
  userId?: string | undefined;
  /** What happened, e.g. `tool_denied`, `role_created`. */
  event: string;
  module?: string | undefined;
  tool?: string | undefined;
  reason?: string | undefined;
  details?: Record<string, unknown>;
  requestId?: string | undefined;
}

export interface AuditLogRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  user_email: string | null;
  event: string;
  module: string | null;
  tool: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

export interface AuditLogQuery {
  /** Rows older than this id (the previous page's last id). */
  before?: string | undefined;
  limit: number;
  event?: string | undefined;
  userId?: string | undefined;
}

/** The audit log: security events and admin actions, newest first. */
export class AuditLogsRepository {
  constructor(private readonly db: Queryable) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db.query(
      `insert into public.audit_logs (user_id, event, module, tool, reason, details, request_id)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [
        event.userId ?? null,
        event.event,
        event.module ?? null,
        event.tool ?? null,
        event.reason ?? null,
        JSON.stringify(event.details ?? {}),
        event.requestId ?? null,
      ],
    );
  }

  /** One page, newest first; pass the last row's id as `before` for the next page. */
  async page(query: AuditLogQuery): Promise<AuditLogRow[]> {
    return this.db.query<AuditLogRow>(
      `select a.id::text as id, a.occurred_at, a.user_id, u.email as user_email, a.event, a.module, a.tool,
              a.reason, a.details, a.request_id
         from public.audit_logs a left join public.users u on u.id = a.user_id
        where ($1::bigint is null or a.id < $1::bigint)
          and ($2::text is null or a.event = $2)
          and ($3::uuid is null or a.user_id = $3::uuid)
        order by a.id desc
        limit $4`,
      [query.before ?? null, query.event ?? null, query.userId ?? null, query.limit],
    );
  }
}
