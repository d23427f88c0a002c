import type { Database, Queryable } from '../database.js';

/** Any number of events in one statement of fixed text. An event for a user deleted since is dropped, not refused. */
const INSERT_EVENTS = `insert into public.audit_logs (user_id, event, module, tool, reason, details, request_id)
  select v.* from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[])
    as v(user_id, event, module, tool, reason, details, request_id)
   where v.user_id is null or exists (select 1 from public.users u where u.id = v.user_id)`;

const isEmbedded = (db: Queryable | Database): db is Database => 'kind' in db && db.kind === 'pglite';

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
  constructor(private readonly db: Queryable | Database) {}

  record(event: AuditEvent): Promise<void> {
    return this.recordMany([event]);
  }

  /** Several events in one statement: the tool-call log writes its batches so (ADR 0047). */
  async recordMany(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const columns = [
      events.map((event) => event.userId ?? null),
      events.map((event) => event.event),
      events.map((event) => event.module ?? null),
      events.map((event) => event.tool ?? null),
      events.map((event) => event.reason ?? null),
      events.map((event) => JSON.stringify(event.details ?? {})),
      events.map((event) => event.requestId ?? null),
    ];
    if (isEmbedded(this.db)) {
      // PGlite has one connection: the `exists` in INSERT_EVENTS and the insert see the same users, and the tenant
      // is the built-in one. The foreign-key triggers would check every row once more, two thirds of its cost.
      await this.db.transaction(async (tx) => {
        await tx.query('set local session_replication_role = replica');
        await tx.query(INSERT_EVENTS, columns);
      });
      return;
    }
    await this.db.query(INSERT_EVENTS, columns);
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
