import type { Queryable } from '../database.js';

/** The tables holding sealed secrets, in the order a rotation re-encrypts them. */
export const SECRET_TABLES = ['credentials', 'oauth_apps', 'oauth_states'] as const;
export type SecretTable = (typeof SECRET_TABLES)[number];

/** One row's sealed secrets as stored (null where a secret is absent), keyed by the row's id. */
export interface SealedSecretsRow {
  id: string;
  secrets: Array<string | null>;
}

/** How to find rows sealed under an old key, and how to swap their secrets safely. */
interface TableQueries {
  /** Rows with any secret not under `$1` (the active key id), as `{ id, secrets }`, at most `$2`. */
  select: string;
  /** Sets the new secrets `$2..` and key id `$k` only if the old ones are still there (a refresh may have raced). */
  update: string;
}

// The key id is the second field of a ciphertext (`v1:<key id>:…`, see KeyRing).
const keyOf = (column: string) => `split_part(coalesce(${column}, ''), ':', 2)`;
const stale = (column: string) => `(${column} is not null and ${keyOf(column)} <> $1)`;

const QUERIES: Record<SecretTable, TableQueries> = {
  credentials: {
    select: `select id::text as id, array[secret, refresh_secret] as secrets from public.credentials
              where ${stale('secret')} or ${stale('refresh_secret')} or key_id <> $1 limit $2`,
    update: `update public.credentials set secret = $2, refresh_secret = $3, key_id = $6, updated_at = now()
              where id = $1::uuid and secret = $4 and refresh_secret is not distinct from $5`,
  },
  oauth_apps: {
    select: `select service as id, array[client_secret] as secrets from public.oauth_apps
              where ${stale('client_secret')} limit $2`,
    update: `update public.oauth_apps set client_secret = $2, key_id = $4
              where service = $1 and client_secret is not distinct from $3`,
  },
  oauth_states: {
    select: `select state_hash as id, array[code_verifier] as secrets from public.oauth_states
              where ${stale('code_verifier')} limit $2`,
    update: `update public.oauth_states set code_verifier = $2
              where state_hash = $1 and code_verifier is not distinct from $3 and $4::text is not null`,
  },
};

/** Every sealed secret across tables, by the key that sealed it: what a key rotation reads and rewrites. */
export class SealedSecretsRepository {
  constructor(private readonly db: Queryable) {}

  /** Up to `limit` rows of `table` holding a secret sealed under a key other than `activeKeyId`. */
  staleRows(table: SecretTable, activeKeyId: string, limit: number): Promise<SealedSecretsRow[]> {
    return this.db.query<SealedSecretsRow>(QUERIES[table].select, [activeKeyId, limit]);
  }

  /**
   * Replaces a row's secrets with `fresh` (sealed under `activeKeyId`) only
   * if they are still those read; false when the row changed meanwhile.
   */
  async replace(
    table: SecretTable,
    row: SealedSecretsRow,
    fresh: ReadonlyArray<string | null>,
    activeKeyId: string,
  ): Promise<boolean> {
    const changed = await this.db.query(`${QUERIES[table].update} returning 1`, [
      row.id,
      ...fresh,
      ...row.secrets,
      activeKeyId,
    ]);
    return changed.length > 0;
  }

  /** Rows still holding a secret under a key other than `activeKeyId`, over every table. */
  async countStale(activeKeyId: string): Promise<number> {
    let total = 0;
    for (const table of SECRET_TABLES) total += (await this.staleRows(table, activeKeyId, 1_000_000)).length;
    return total;
  }
}
