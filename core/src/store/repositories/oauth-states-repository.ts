import type { Queryable } from '../database.js';

export interface OAuthStateRow {
  user_id: string;
  role_id: string | null;
  service: string;
  code_verifier: string | null;
  redirect_uri: string;
  expires_at: Date;
}

/** Connect flows in progress, keyed by the SHA-256 of their `state`. */
export class OAuthStatesRepository {
  constructor(private readonly db: Queryable) {}

  async insert(stateHash: string, row: Omit<OAuthStateRow, 'expires_at'> & { expiresAt: Date }): Promise<void> {
    await this.db.query(
      `insert into public.oauth_states (state_hash, user_id, role_id, service, code_verifier, redirect_uri, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [stateHash, row.user_id, row.role_id, row.service, row.code_verifier, row.redirect_uri, row.expiresAt],
    );
    // Expired flows are of no use to anyone; keep the table small.
    await this.db.query(`delete from public.oauth_states where expires_at < now() - interval '1 day'`);
  }

  /** Marks a state used and returns it, exactly once; undefined when unknown or already used. */
  async consume(stateHash: string): Promise<OAuthStateRow | undefined> {
    const rows = await this.db.query<OAuthStateRow>(
      `update public.oauth_states set used_at = now() where state_hash = $1 and used_at is null
       returning user_id, role_id, service, code_verifier, redirect_uri, expires_at`,
      [stateHash],
    );
    return rows[0];
  }
}
