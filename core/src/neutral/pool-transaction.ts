import type pg from 'pg';
import type { Queryable } from '../store/database.js';

/**
 * Runs `fn` in one transaction on a connection of `pool`: committed when it
 * resolves, rolled back when it throws. Runtime-neutral (only `pg`), so the
 * server's PostgreSQL store and the Edge Functions' database share it.
 */
export async function inPoolTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn({
      query: async <R>(sql: string, params: readonly unknown[] = []) =>
        (await client.query(sql, params as unknown[])).rows as R[],
    });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
