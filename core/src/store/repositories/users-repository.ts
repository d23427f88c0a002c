import type { Queryable } from '../database.js';

export interface UserRow {
  id: string;
  email: string;
  display_name: string | null;
  system_role: 'admin' | 'user';
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
}
