import type { Queryable } from '../database.js';

/** Where a task stands; the last three are terminal. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);

/** A task as stored (migration 20261212000000). Times are ISO 8601. */
export interface TaskRecord {
  id: string;
  tool: string;
  status: TaskStatus;
  statusMessage?: string;
  /** The CallToolResult of a completed task. */
  result?: Record<string, unknown>;
  /** The JSON-RPC error (`code`, `message`, `data`) of a failed task. */
  error?: { code: number; message: string; data?: unknown };
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

/** How a task ended, as its runner reports it. */
export type TaskEnding =
  | { status: 'completed'; result: Record<string, unknown>; message?: string }
  | { status: 'failed'; error: { code: number; message: string; data?: unknown }; message?: string };

interface Row {
  id: string;
  tool: string;
  status: TaskStatus;
  status_message: string | null;
  result: Record<string, unknown> | null;
  error: TaskRecord['error'] | null;
  created_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string;
}

const COLUMNS = 'id, tool, status, status_message, result, error, created_at, updated_at, expires_at';
const LIVE = `status in ('working', 'input_required')`;

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function toRecord(row: Row): TaskRecord {
  return {
    id: row.id,
    tool: row.tool,
    status: row.status,
    ...(row.status_message !== null ? { statusMessage: row.status_message } : {}),
    ...(row.result !== null ? { result: row.result } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    expiresAt: iso(row.expires_at),
  };
}

/**
 * MCP tasks of every instance. Every read and write that a client drives
 * names the owner, so a task id of another user finds nothing. Times come
 * from the caller's clock (one clock decides what has expired).
 */
export class TasksRepository {
  constructor(private readonly db: Queryable) {}

  async insert(task: { id: string; userId: string; tool: string; now: Date; expiresAt: Date }): Promise<TaskRecord> {
    const rows = await this.db.query<Row>(
      `insert into public.mcp_tasks (id, user_id, tool, created_at, updated_at, expires_at)
       values ($1, $2, $3, $4, $4, $5) returning ${COLUMNS}`,
      [task.id, task.userId, task.tool, task.now.toISOString(), task.expiresAt.toISOString()],
    );
    return toRecord(rows[0] as Row);
  }

  /** The owner's task, unless it expired. */
  async find(userId: string, id: string, now: Date): Promise<TaskRecord | undefined> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from public.mcp_tasks where id = $1 and user_id = $2 and expires_at > $3`,
      [id, userId, now.toISOString()],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** The owner's unexpired tasks, newest first, after the keyset `before` (exclusive). */
  async list(
    userId: string,
    now: Date,
    limit: number,
    before?: { createdAt: string; id: string },
  ): Promise<TaskRecord[]> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from public.mcp_tasks
        where user_id = $1 and expires_at > $2
          and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::text))
        order by created_at desc, id desc limit $5`,
      [userId, now.toISOString(), before?.createdAt ?? null, before?.id ?? '', limit],
    );
    return rows.map(toRecord);
  }

  /** Records how a running task ended; false when it had already ended (cancelled, or stopped with the server). */
  async finish(id: string, ending: TaskEnding, now: Date, expiresAt: Date): Promise<boolean> {
    const rows = await this.db.query(
      `update public.mcp_tasks
          set status = $2, result = $3::jsonb, error = $4::jsonb, status_message = coalesce($5, status_message),
              updated_at = $6, expires_at = $7
        where id = $1 and ${LIVE} returning id`,
      [
        id,
        ending.status,
        ending.status === 'completed' ? JSON.stringify(ending.result) : null,
        ending.status === 'failed' ? JSON.stringify(ending.error) : null,
        ending.message ?? null,
        now.toISOString(),
        expiresAt.toISOString(),
      ],
    );
    return rows.length > 0;
  }

  /** Notes a running task's progress (e.g. "2 of 3 commands done"), which also moves its expiry. */
  async note(id: string, message: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(
      `update public.mcp_tasks set status_message = $2, updated_at = $3, expires_at = $4 where id = $1 and ${LIVE}`,
      [id, message, now.toISOString(), expiresAt.toISOString()],
    );
  }

  /** Marks the owner's running task cancelled; undefined when it is unknown, expired or already ended. */
  async cancel(userId: string, id: string, now: Date, expiresAt: Date): Promise<TaskRecord | undefined> {
    const rows = await this.db.query<Row>(
      `update public.mcp_tasks
          set status = 'cancelled', status_message = 'cancelled by the client', updated_at = $3, expires_at = $4
        where id = $1 and user_id = $2 and ${LIVE} and expires_at > $3 returning ${COLUMNS}`,
      [id, userId, now.toISOString(), expiresAt.toISOString()],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Deletes expired tasks; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const rows = await this.db.query('delete from public.mcp_tasks where expires_at <= $1 returning id', [
      now.toISOString(),
    ]);
    return rows.length;
  }
}
