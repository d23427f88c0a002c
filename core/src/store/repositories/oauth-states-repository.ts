import type { Queryable } from '../database.js';

export interface OAuthStateRow {
  user_id: string;
  role_id: string | null;
  service: string;
  code_verifier: string | null;
  redirect_uri: string;
  expires_at: Date;
  /** SHA-256 of the browser binding secret; null until a browser opened the connect page. */
  browser_hash: string | null;
}

const COLUMNS = 'user_id, role_id, service, code_verifier, redirect_uri, expires_at, browser_hash';

/** Connect flows in progress, keyed by the SHA-256 of their `state`. */
export class OAuthStatesRepository {
  constructor(private readonly db: Queryable) {}

  async insert(
    stateHash: string,
    row: Omit<OAuthStateRow, 'expires_at' | 'browser_hash'> & { expiresAt: Date },
  ): Promise<void> {
    await this.db.query(
      `insert into public.oauth_states (state_hash, user_id, role_id, service, code_verifier, redirect_uri, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [stateHash, row.user_id, row.role_id, row.service, row.code_verifier, row.redirect_uri, row.expiresAt],
    );
    // Expired flows are of no use to anyone; keep the table small.
    await this.db.query(`delete from public.oauth_states where expires_at < now() - interval '1 day'`);
  }

  /** An unused flow, without using it up; undefined when unknown or already used. */
  async find(stateHash: string): Promise<OAuthStateRow | undefined> {
    const rows = await this.db.query<OAuthStateRow>(
      `select ${COLUMNS} from public.oauth_states where state_hash = $1 and used_at is null`,
      [stateHash],
    );
    return rows[0];
  }

  /** Binds an unused flow to the browser holding the secret whose hash is given (the latest browser wins). */
  async bindBrowser(stateHash: string, browserHash: string): Promise<boolean> {
    const rows = await this.db.query<{ state_hash: string }>(
      `update public.oauth_states set browser_hash = $2 where state_hash = $1 and used_at is null returning state_hash`,
      [stateHash, browserHash],
    );
    return rows.length > 0;
  }

  /**
   * Marks a flow used and returns it, exactly once, and only for the browser
   * it is bound to; undefined when unknown, already used or bound elsewhere.
   */
  async consume(stateHash: string, browserHash: string): Promise<OAuthStateRow | undefined> {
    const rows = await this.db.query<OAuthStateRow>(
      `update public.oauth_states set used_at = now()
       where state_hash = $1 and used_at is null and browser_hash = $2
       returning ${COLUMNS}`,
      [stateHash, browserHash],
    );
    return rows[0];
  }
}
