import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { Database, NotificationHandlers, Queryable } from './database.js';
import { PGLITE_TEMPLATE_ARCHIVE, PGLITE_TEMPLATE_DIR } from './pglite-template.js';

function loadTemplate(): Blob | undefined {
  try {
    return new Blob([readFileSync(PGLITE_TEMPLATE_ARCHIVE)]);
  } catch {
    return undefined;
  }
}

/**
 * PGlite's own start parameters plus smaller shared buffers: PostgreSQL touches
 * all of `shared_buffers` (128 MB by default) when it starts, which was half of
 * an idle server's RSS; MCPist's tables are small (issue 15, ADR 0029).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly db: PGlite,
    private readonly release: () => void,
  ) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.db.query<T>(sql, params as unknown[]);
    return result.rows;
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: async <R>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<R>(sql, params as unknown[])).rows,
      }),
    );
  }

  /** PGlite is one session in this process: its notifications are handed over before the notifying query resolves. */
  async listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>> {
    const stop = await this.db.listen(channel, handlers.notify);
    return async () => {
      if (!this.db.closed) await stop();
    };
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    this.release();
  }
}

/**
 * Opens the embedded database. A new data folder starts from the build's
 * template (about 0.5 s) instead of running initdb (about 5 s); `dataDir`
 * `memory://` keeps everything in memory (tests).
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const fresh = inMemory || !existsSync(join(dataDir, 'PG_VERSION'));
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    let copied = false;
    if (fresh && !inMemory && existsSync(PGLITE_TEMPLATE_DIR) && readdirSync(dataDir).length === 0) {
      cpSync(PGLITE_TEMPLATE_DIR, dataDir, { recursive: true });
      copied = true;
    }
    const template = fresh && !copied ? loadTemplate() : undefined;
    // One options object: PGlite ignores the second argument when the first is not a string.
    const db = new PGlite({
      ...(inMemory ? {} : { dataDir }),
      startParams: START_PARAMS,
      ...(template ? { loadDataDir: template } : {}),
    });
    await db.waitReady;
    return new PgliteDatabase(db, release);
  } catch (error) {
    release();
    throw error;
  }
}
