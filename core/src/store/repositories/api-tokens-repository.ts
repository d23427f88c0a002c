import type { Queryable } from '../database.js';

export interface ApiTokenOwner {
  token_id: string;
  user_id: string;
  email: string;
  system_role: 'admin' | 'user';
}

/** API tokens, stored as hashes. */
export class ApiTokensRepository {
  constructor(private readonly db: Queryable) {}

  async insert(userId: string, name: string, tokenHash: string, prefix: string): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `insert into public.api_tokens (user_id, name, token_hash, token_prefix) values ($1, $2, $3, $4) returning id`,
      [userId, name, tokenHash, prefix],
    );
    return (rows[0] as { id: string }).id;
  }

  /** The owner of a live (not revoked) token with this hash. */
  async findOwner(tokenHash: string): Promise<ApiTokenOwner | undefined> {
    const rows = await this.db.query<ApiTokenOwner>(
      `select t.id as token_id, u.id as user_id, u.email, u.system_role
         from public.api_tokens t join public.users u on u.id = t.user_id
        where t.token_hash = $1 and t.revoked_at is null`,
      [tokenHash],
    );
    return rows[0];
  }

  async touch(tokenId: string): Promise<void> {
    await this.db.query('update public.api_tokens set last_used_at = now() where id = $1', [tokenId]);
  }
}
