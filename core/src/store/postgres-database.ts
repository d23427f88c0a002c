import pg from 'pg';
import type { Database, NotificationHandlers, Queryable } from './database.js';
import { listenOnPostgres } from './postgres-listener.js';

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as T[];
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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

  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>> {
    return listenOnPostgres(this.connectionString, channel, handlers);
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to a PostgreSQL server (self-hosted, several MCPist instances). */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5_000 });
  // Errors on idle clients (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = new PostgresDatabase(pool, connectionString);
  await db.query('select 1');
  return db;
}
