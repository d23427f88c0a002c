import type { Queryable } from '../database.js';

/** The user a live browser session belongs to. */
export interface BrowserSessionOwner {
  session_id: string;
  user_id: string;
  email: string;
  system_role: 'admin' | 'user';
}

export type SignInLinkPurpose = 'setup' | 'login';

/** A consumed one-time sign-in link: what it was for and whom (none for the setup link). */
export interface ConsumedSignInLink {
  purpose: SignInLinkPurpose;
  user_id: string | null;
}

/** Admin UI browser sessions and one-time sign-in links, both stored as SHA-256 hashes (ADR 0024). */
export class BrowserSessionsRepository {
  constructor(private readonly db: Queryable) {}

  async insert(userId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      'insert into public.browser_sessions (user_id, token_hash, expires_at) values ($1, $2, $3) returning id',
      [userId, tokenHash, expiresAt.toISOString()],
    );
    return (rows[0] as { id: string }).id;
  }

  /** The owner of a session that is neither revoked nor expired. */
  async findLive(tokenHash: string): Promise<BrowserSessionOwner | undefined> {
    const rows = await this.db.query<BrowserSessionOwner>(
      `select s.id as session_id, u.id as user_id, u.email, u.system_role
         from public.browser_sessions s join public.users u on u.id = s.user_id
        where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()`,
      [tokenHash],
    );
    return rows[0];
  }

  /** Revokes a live session; false when there is none with this hash. */
  async revoke(tokenHash: string): Promise<boolean> {
    const rows = await this.db.query(
      `update public.browser_sessions set revoked_at = now()
        where token_hash = $1 and revoked_at is null returning id`,
      [tokenHash],
    );
    return rows.length > 0;
  }

  async insertLink(purpose: SignInLinkPurpose, userId: string | null, tokenHash: string, expiresAt: Date) {
    await this.db.query(
      'insert into public.sign_in_links (token_hash, purpose, user_id, expires_at) values ($1, $2, $3, $4)',
      [tokenHash, purpose, userId, expiresAt.toISOString()],
    );
  }

  /**
   * Marks an unused, unexpired link used and returns it; undefined when there
   * is none (at most one caller wins). A setup link is only taken `withEmail`.
   */
  async consumeLink(tokenHash: string, withEmail: boolean): Promise<ConsumedSignInLink | undefined> {
    const rows = await this.db.query<ConsumedSignInLink>(
      `update public.sign_in_links set used_at = now()
        where token_hash = $1 and used_at is null and expires_at > now() and (purpose = 'login' or $2::boolean)
        returning purpose, user_id`,
      [tokenHash, withEmail],
    );
    return rows[0];
  }

  /** Drops expired sessions and links a day after they expired. */
  async purgeExpired(): Promise<void> {
    await this.db.query(`delete from public.browser_sessions where expires_at < now() - interval '1 day'`);
    await this.db.query(`delete from public.sign_in_links where expires_at < now() - interval '1 day'`);
  }
}
