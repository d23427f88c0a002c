import pg from 'pg';
import type { Database, Queryable } from '../../../core/src/store/database.js';

/**
 * The functions' database: Supabase's PostgreSQL reached directly with the
 * connection string Supabase gives every function (`SUPABASE_DB_URL`, the
 * `postgres` role, as the service role bypassing row-level security). The
 * core's repositories run on it unchanged: they only need `query` and
 * `transaction` (ADR 0042).
 */
export function openFunctionDatabase(url: string): Database {
  // Few connections: an Edge Function isolate serves one request at a time or a handful.
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000 });
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
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
    },
    listen() {
      return Promise.reject(new Error('the Edge Functions do not listen for notifications'));
    },
    async ping() {
      return (await pool.query('select 1')).rowCount === 1;
    },
    close: () => pool.end(),
  };
}
