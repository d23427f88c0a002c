import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** `supabase/migrations/` at the repository root; the same files Supabase applies. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../supabase/migrations/', import.meta.url));

/** The part of Supabase's `auth` schema the migrations' RLS policies use, for databases that lack it. */
export const AUTH_SHIM_FILE = fileURLToPath(new URL('../../../supabase/local/supabase-auth-shim.sql', import.meta.url));

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
}

/** Reads `<version>_<name>.sql` files in version order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((file) => /^\d+_[\w-]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_');
      return { version, name: rest.join('_'), sql: await readFile(`${dir}/${file}`, 'utf8') };
    }),
  );
}

/**
 * Applies the migrations not yet recorded in `mcpist_migrations`, each in its
 * own transaction, under an advisory lock so concurrent instances do not race.
 * Returns the versions applied.
 */
export async function migrate(db: Database, migrations: MigrationFile[]): Promise<string[]> {
  if (await upToDate(db, migrations)) return [];
  const lock = `select pg_advisory_xact_lock(hashtext('mcpist.migrations'))`;
  // Under the lock too: concurrent "create table if not exists" races on PostgreSQL.
  await db.transaction(async (tx) => {
    await tx.query(lock);
    await tx.query(`create table if not exists public.mcpist_migrations (
      version text primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    // Supabase has its own auth schema; PGlite and plain PostgreSQL get the shim.
    const [shim] = await tx.query<{ present: boolean }>(`select to_regprocedure('auth.uid()') is not null as present`);
    if (!shim?.present) {
      for (const statement of splitStatements(await readFile(AUTH_SHIM_FILE, 'utf8'))) await tx.query(statement);
    }
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query(lock);
      const rows = await tx.query('select 1 from public.mcpist_migrations where version = $1', [migration.version]);
      if (rows.length > 0) return;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into public.mcpist_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}

/**
 * The common case at start-up, in two reads and no lock or transaction: the
 * auth shim is there and every migration is recorded (restart to healthy
 * counts, issue 11). Anything else takes the locked path.
 */
async function upToDate(db: Database, migrations: readonly MigrationFile[]): Promise<boolean> {
  const [present] = await db.query<{ has_table: boolean; shim: boolean }>(
    `select to_regclass('public.mcpist_migrations') is not null as has_table,
            to_regprocedure('auth.uid()') is not null as shim`,
  );
  if (!present?.has_table || !present.shim) return false;
  const rows = await db.query<{ version: string }>('select version from public.mcpist_migrations');
  const recorded = new Set(rows.map((row) => row.version));
  return migrations.every((migration) => recorded.has(migration.version));
}

/**
 * Splits a migration into statements so each runs inside the transaction with
 * the lock held. Understands `--` comments, quotes and `$$` bodies.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  let dollarTag: string | null = null;
  let quote: string | null = null;
  while (i < sql.length) {
    const char = sql[i] as string;
    if (dollarTag) {
      if (sql.startsWith(dollarTag, i)) {
        current += dollarTag;
        i += dollarTag.length;
        dollarTag = null;
        continue;
      }
    } else if (quote) {
      if (char === quote) quote = null;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      continue;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        dollarTag = tag[0];
        current += tag[0];
        i += tag[0].length;
        continue;
      }
    } else if (char === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i += 1;
      continue;
    }
    current += char;
    i += 1;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
