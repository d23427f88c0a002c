import type { Queryable } from '../database.js';
import { isUuid } from './roles-repository.js';

export type AccessRequestStatus = 'pending' | 'approved' | 'declined';

export interface AccessRequestRow {
  id: string;
  user_id: string;
  user_email: string;
  module: string;
  note: string;
  status: AccessRequestStatus;
  role_id: string | null;
  role_name: string | null;
  reason: string | null;
  created_at: Date;
  decided_at: Date | null;
}

const SELECT = `select a.id, a.user_id, u.email as user_email, a.module, a.note, a.status, a.role_id,
       r.name as role_name, a.reason, a.created_at, a.decided_at
  from public.access_requests a
  join public.users u on u.id = a.user_id
  left join public.roles r on r.id = a.role_id`;

/** Requests for modules a user's roles lack, and their outcome. */
export class AccessRequestsRepository {
  constructor(private readonly db: Queryable) {}

  /** A new pending request; undefined when one for this user and module is already pending. */
  async create(userId: string, module: string, note: string): Promise<AccessRequestRow | undefined> {
    const rows = await this.db.query<{ id: string }>(
      `insert into public.access_requests (user_id, module, note) values ($1, $2, $3)
       on conflict (user_id, module) where status = 'pending' do nothing returning id`,
      [userId, module, note],
    );
    return rows[0] ? this.find(rows[0].id) : undefined;
  }

  async find(id: string): Promise<AccessRequestRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<AccessRequestRow>(`${SELECT} where a.id = $1`, [id]);
    return rows[0];
  }

  /** A user's requests, newest first. */
  async listOf(userId: string): Promise<AccessRequestRow[]> {
    return this.db.query<AccessRequestRow>(`${SELECT} where a.user_id = $1 order by a.created_at desc, a.id`, [userId]);
  }

  /** Requests with a status (pending by default), oldest first. */
  async list(status: AccessRequestStatus): Promise<AccessRequestRow[]> {
    return this.db.query<AccessRequestRow>(`${SELECT} where a.status = $1 order by a.created_at, a.id`, [status]);
  }

  /** Decides a pending request; false when it is not pending (anymore). */
  async decide(
    id: string,
    decision: { status: 'approved' | 'declined'; roleId: string | null; reason: string | null; by: string },
  ): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db.query(
      `update public.access_requests set status = $2, role_id = $3, reason = $4, decided_by = $5, decided_at = now()
        where id = $1 and status = 'pending' returning id`,
      [id, decision.status, decision.roleId, decision.reason, decision.by],
    );
    return rows.length > 0;
  }
}
