import type { Queryable } from '../database.js';

/** Links identity-provider subjects (`provider`, `sub`) to MCPist users. */
export class AuthAccountsRepository {
  constructor(private readonly db: Queryable) {}

  /** The user a subject is linked to, recording the sign-in. */
  async findUserId(provider: string, subject: string): Promise<string | undefined> {
    const rows = await this.db.query<{ user_id: string }>(
      `update public.auth_accounts set last_sign_in_at = now()
        where provider = $1 and subject = $2 returning user_id`,
      [provider, subject],
    );
    return rows[0]?.user_id;
  }

  /** Links a subject to a user (idempotent). */
  async link(userId: string, provider: string, subject: string, email: string | undefined): Promise<void> {
    await this.db.query(
      `insert into public.auth_accounts (user_id, provider, subject, email, last_sign_in_at)
       values ($1, $2, $3, $4, now())
       on conflict (provider, subject) do update set last_sign_in_at = now()`,
      [userId, provider, subject, email ?? null],
    );
  }
}
