import type { Queryable } from '../database.js';
import { isUuid } from './roles-repository.js';

export interface UserRow {
  id: string;
  email: string;
  display_name: string | null;
  system_role: 'admin' | 'user';
}

export interface UserListRow extends UserRow {
  created_at: Date;
}

/** Users of this MCPist instance. */
export class UsersRepository {
  constructor(private readonly db: Queryable) {}

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const rows = await this.db.query<UserRow>(
      'select id, email, display_name, system_role from public.users where lower(email) = lower($1)',
      [email],
    );
    return rows[0];
  }

  async findById(id: string): Promise<UserRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<UserRow>(
      'select id, email, display_name, system_role from public.users where id = $1',
      [id],
    );
    return rows[0];
  }

  /** Returns the user with this email, creating it when absent. The first user becomes admin. */
  async ensure(email: string): Promise<{ user: UserRow; created: boolean }> {
    const existing = await this.findByEmail(email);
    if (existing) return { user: existing, created: false };
    const rows = await this.db.query<UserRow>(
      `insert into public.users (email, system_role)
       values ($1, case when exists (select 1 from public.users) then 'user' else 'admin' end)
       on conflict ((lower(email))) do nothing
       returning id, email, display_name, system_role`,
      [email],
    );
    const user = rows[0] ?? (await this.findByEmail(email));
    if (!user) throw new Error('user could not be created');
    return { user, created: rows.length > 0 };
  }

  async list(): Promise<UserListRow[]> {
    return this.db.query<UserListRow>(
      'select id, email, display_name, system_role, created_at from public.users order by lower(email)',
    );
  }

  /** Creates a user; undefined when the email is taken. */
  async create(input: {
    email: string;
    displayName?: string | undefined;
    systemRole?: 'admin' | 'user';
  }): Promise<UserRow | undefined> {
    const rows = await this.db.query<UserRow>(
      `insert into public.users (email, display_name, system_role) values ($1, $2, $3)
       on conflict ((lower(email))) do nothing
       returning id, email, display_name, system_role`,
      [input.email, input.displayName ?? null, input.systemRole ?? 'user'],
    );
    return rows[0];
  }

  /** Changes a user's display name or system role; undefined when there is no such user. */
  async update(
    id: string,
    input: { displayName?: string | null | undefined; systemRole?: 'admin' | 'user' | undefined },
  ): Promise<UserRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<UserRow>(
      `update public.users
          set display_name = case when $2 then $3 else display_name end,
              system_role = coalesce($4, system_role), updated_at = now()
        where id = $1 returning id, email, display_name, system_role`,
      [id, input.displayName !== undefined, input.displayName ?? null, input.systemRole ?? null],
    );
    return rows[0];
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return (await this.db.query('delete from public.users where id = $1 returning id', [id])).length > 0;
  }

  async countAdmins(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      "select count(*)::int as n from public.users where system_role = 'admin'",
    );
    return rows[0]?.n ?? 0;
  }

  /** The earliest admin, whom commands act as when no user is named. */
  async firstAdmin(): Promise<UserRow | undefined> {
    const rows = await this.db.query<UserRow>(
      "select id, email, display_name, system_role from public.users where system_role = 'admin' order by created_at limit 1",
    );
    return rows[0];
  }
}
