import type { Queryable } from '../database.js';
import { isUuid } from './roles-repository.js';

/** A token as its owner may see it: never the hash. */
export interface ApiTokenListRow {
  id: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A token with its owner, for the operator's overview. */
export interface ApiTokenWithOwner extends ApiTokenListRow {
  user_email: string;
}

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

  /** A user's tokens, newest first, revoked ones included. */
  async listOf(userId: string): Promise<ApiTokenListRow[]> {
    return this.db.query<ApiTokenListRow>(
      `select id, name, token_prefix, created_at, last_used_at, revoked_at from public.api_tokens
        where user_id = $1 order by created_at desc, id`,
      [userId],
    );
  }

  /** Revokes one of the user's live tokens; false when they hold no such live token. */
  async revoke(userId: string, tokenId: string): Promise<boolean> {
    if (!isUuid(tokenId)) return false;
    const rows = await this.db.query(
      `update public.api_tokens set revoked_at = now()
        where id = $1 and user_id = $2 and revoked_at is null returning id`,
      [tokenId, userId],
    );
    return rows.length > 0;
  }

  /** Every user's tokens (or one user's), oldest owner first, newest token first; never a hash. */
  async listAll(userId?: string): Promise<ApiTokenWithOwner[]> {
    return this.db.query<ApiTokenWithOwner>(
      `select t.id, t.name, t.token_prefix, t.created_at, t.last_used_at, t.revoked_at, u.email as user_email
         from public.api_tokens t join public.users u on u.id = t.user_id
        where $1::uuid is null or t.user_id = $1::uuid
        order by u.created_at, u.email, t.created_at desc, t.id`,
      [userId ?? null],
    );
  }

  /** Revokes a live token whoever owns it (the operator's incident step); its owner's email, or undefined. */
  async revokeAny(tokenId: string): Promise<string | undefined> {
    if (!isUuid(tokenId)) return undefined;
    const rows = await this.db.query<{ email: string }>(
      `update public.api_tokens t set revoked_at = now() from public.users u
        where t.id = $1 and t.revoked_at is null and u.id = t.user_id returning u.email`,
      [tokenId],
    );
    return rows[0]?.email;
  }
}
