import type { Queryable } from '../database.js';

/** Emails allowed to sign in with a JWT from the identity provider. */
export class AllowedUsersRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<Array<{ email: string; created_at: Date }>> {
    return this.db.query('select email, created_at from public.allowed_users order by email');
  }

  async isAllowed(email: string): Promise<boolean> {
    const rows = await this.db.query('select 1 from public.allowed_users where email = lower($1)', [email]);
    return rows.length > 0;
  }

  /** Adds an email; false when it was already allowed. */
  async add(email: string, addedBy?: string): Promise<boolean> {
    const rows = await this.db.query(
      `insert into public.allowed_users (email, added_by) values (lower($1), $2) on conflict (email) do nothing
       returning email`,
      [email, addedBy ?? null],
    );
    return rows.length > 0;
  }

  async remove(email: string): Promise<boolean> {
    const rows = await this.db.query('delete from public.allowed_users where email = lower($1) returning email', [
      email,
    ]);
    return rows.length > 0;
  }
}
