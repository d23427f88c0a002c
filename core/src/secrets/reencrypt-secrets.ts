import type { Database } from '../store/database.js';
import type { KeyRing } from './key-ring.js';

/** One kind of row holding secrets: how to find rows sealed under an old key, and how to swap them safely. */
interface SecretTable {
  name: string;
  /** Rows with any secret not under `$1` (the active key id), as `{ id, secrets: (string|null)[] }`. */
  select: string;
  /** Sets the new secrets `$2..` and key id `$k` only if the old ones are still there (a refresh may have raced). */
  update: string;
}

const keyOf = (column: string) => `split_part(coalesce(${column}, ''), ':', 2)`;
const stale = (column: string) => `(${column} is not null and ${keyOf(column)} <> $1)`;

const TABLES: SecretTable[] = [
  {
    name: 'credentials',
    select: `select id::text as id, array[secret, refresh_secret] as secrets from public.credentials
              where ${stale('secret')} or ${stale('refresh_secret')} or key_id <> $1 limit $2`,
    update: `update public.credentials set secret = $2, refresh_secret = $3, key_id = $6, updated_at = now()
              where id = $1::uuid and secret = $4 and refresh_secret is not distinct from $5`,
  },
  {
    name: 'oauth_apps',
    select: `select service as id, array[client_secret] as secrets from public.oauth_apps
              where ${stale('client_secret')} limit $2`,
    update: `update public.oauth_apps set client_secret = $2, key_id = $4
              where service = $1 and client_secret is not distinct from $3`,
  },
  {
    name: 'oauth_states',
    select: `select state_hash as id, array[code_verifier] as secrets from public.oauth_states
              where ${stale('code_verifier')} limit $2`,
    update: `update public.oauth_states set code_verifier = $2
              where state_hash = $1 and code_verifier is not distinct from $3 and $4::text is not null`,
  },
];

const BATCH = 200;
const MAX_PASSES = 1000;

/**
 * Re-encrypts every stored secret under the ring's active key, row by row
 * with a conditional update, until no row is left under an old key. Safe
 * while servers run: a row a refresh rewrote meanwhile is simply read again.
 */
export async function reencryptSecrets(db: Database, keyRing: KeyRing): Promise<Record<string, number>> {
  const activeKeyId = keyRing.activeKeyId;
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table.name] = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const rows = await db.query<{ id: string; secrets: Array<string | null> }>(table.select, [activeKeyId, BATCH]);
      if (rows.length === 0) break;
      for (const row of rows) {
        const fresh = row.secrets.map((secret) =>
          secret === null ? null : keyRing.encrypt(keyRing.decrypt(secret)).ciphertext,
        );
        const changed = await db.query(`${table.update} returning 1`, [row.id, ...fresh, ...row.secrets, activeKeyId]);
        counts[table.name] = (counts[table.name] ?? 0) + changed.length;
      }
    }
  }
  return counts;
}

/** Rows still holding a secret under a key other than the active one (0 after a finished rotation). */
export async function countStaleSecrets(db: Database, activeKeyId: string): Promise<number> {
  let total = 0;
  for (const table of TABLES) {
    const rows = await db.query(table.select, [activeKeyId, 1_000_000]);
    total += rows.length;
  }
  return total;
}
