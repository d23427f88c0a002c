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
  module?: string | undefined;
  /** Entries at or after this time. */
  since?: Date | undefined;
  /** Entries before this time. */
  until?: Date | undefined;
}

/** The audit log: security events and admin actions, newest first. */
export class AuditLogsRepository {
  constructor(private readonly db: Queryable) {}

  record(event: AuditEvent): Promise<void> {
    return this.recordMany([event]);
  }

  /** Several events in one statement: the tool-call log writes its batches so (ADR 0047). */
  async recordMany(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      values.push(
        event.userId ?? null,
        event.event,
        event.module ?? null,
        event.tool ?? null,
        event.reason ?? null,
        JSON.stringify(event.details ?? {}),
        event.requestId ?? null,
      );
      const n = index * 7;
      return `($${n + 1}::uuid, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}::jsonb, $${n + 7})`;
    });
    await this.db.query(
      `insert into public.audit_logs (user_id, event, module, tool, reason, details, request_id)
       select v.* from (values ${rows.join(', ')}) as v(user_id, event, module, tool, reason, details, request_id)
        where v.user_id is null or exists (select 1 from public.users u where u.id = v.user_id)`,
      values,
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
          and ($5::text is null or a.module = $5)
          and ($6::timestamptz is null or a.occurred_at >= $6::timestamptz)
          and ($7::timestamptz is null or a.occurred_at < $7::timestamptz)
        order by a.id desc
        limit $4`,
      [
        query.before ?? null,
        query.event ?? null,
        query.userId ?? null,
        query.limit,
        query.module ?? null,
        query.since?.toISOString() ?? null,
        query.until?.toISOString() ?? null,
      ],
    );
  }
}
