import {
  SECRET_TABLES,
  type SealedSecretsRow,
  type SecretTable,
} from '../store/repositories/sealed-secrets-repository.js';
import type { KeyRing } from './key-ring.js';

/** What a re-encryption reads and writes; the store's SealedSecretsRepository implements it. */
export interface SealedSecretStore {
  staleRows(table: SecretTable, activeKeyId: string, limit: number): Promise<SealedSecretsRow[]>;
  replace(
    table: SecretTable,
    row: SealedSecretsRow,
    fresh: ReadonlyArray<string | null>,
    activeKeyId: string,
  ): Promise<boolean>;
  countStale(activeKeyId: string): Promise<number>;
}

const BATCH = 200;
const MAX_PASSES = 1000;

/**
 * Re-encrypts every stored secret under the ring's active key, row by row
 * with a conditional update, until no row is left under an old key. Safe
 * while servers run: a row a refresh rewrote meanwhile is simply read again.
 */
export async function reencryptSecrets(store: SealedSecretStore, keyRing: KeyRing): Promise<Record<string, number>> {
  const activeKeyId = keyRing.activeKeyId;
  const counts: Record<string, number> = {};
  for (const table of SECRET_TABLES) {
    counts[table] = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const rows = await store.staleRows(table, activeKeyId, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const fresh = await Promise.all(
          row.secrets.map(async (secret) =>
            secret === null ? null : (await keyRing.encrypt(await keyRing.decrypt(secret))).ciphertext,
          ),
        );
        if (await store.replace(table, row, fresh, activeKeyId)) counts[table] = (counts[table] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/** Rows still holding a secret under a key other than the active one (0 after a finished rotation). */
export function countStaleSecrets(store: SealedSecretStore, activeKeyId: string): Promise<number> {
  return store.countStale(activeKeyId);
}
