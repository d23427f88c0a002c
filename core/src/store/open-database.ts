import { join, resolve } from 'node:path';
import type { Database } from './database.js';
import { migrate, readMigrations } from './migrations.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; wins over `dataDir`. */
  databaseUrl?: string | undefined;
  /** Embedded store folder; its `pgdata/` holds the database. `memory://` for tests. */
  dataDir: string;
}

export interface OpenedDatabase {
  db: Database;
  /** Migration versions applied by this open. */
  applied: string[];
}

/** The absolute embedded-store folder for a configuration. */
export function resolveDataDir(config: { dataDir: string }, cwd = process.cwd()): string {
  return config.dataDir.startsWith('memory://') ? config.dataDir : resolve(cwd, config.dataDir);
}

/** Opens the configured store and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  // Each driver is imported only when used: start-up time counts.
  const db = options.databaseUrl
    ? await (await import('./postgres-database.js')).openPostgres(options.databaseUrl)
    : await (await import('./pglite-database.js')).openPglite(
        options.dataDir.startsWith('memory://') ? options.dataDir : join(options.dataDir, 'pgdata'),
      );
  try {
    const applied = await migrate(db, await readMigrations());
    return { db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}
