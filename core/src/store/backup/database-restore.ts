import { sealedKeyIdOf } from '../../secrets/key-ring.js';
import type { Database, Queryable } from '../database.js';
import { appliedMigrations, type DumpHeader, type DumpRow, tablesInRestoreOrder } from './database-dump.js';

/** Why a restore was refused; nothing was changed. */
export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

export interface RestoreOptions {
  /** Replace what the target holds. Without it a target that has users is refused. */
  force?: boolean;
  /** Key ids the target's key ring holds; a dump sealed under another key is refused. */
  keyIds: readonly string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const BATCH = 500;

/** Key ids that sealed the dump's secrets (every `v1:<key id>:…` value, at any depth). */
export function sealingKeyIds(rows: readonly DumpRow[]): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown): void => {
    const id = sealedKeyIdOf(value);
    if (id) ids.add(id);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const { row } of rows) visit(row);
  return ids;
}

/**
 * Replaces the target database's MCPist rows with a dump's, in one
 * transaction: all of it or nothing. Refused, changing nothing, when the dump
 * comes from another schema (its migrations differ from the target's), when
 * its secrets were sealed under a key the target's key ring lacks (they could
 * never be opened), or when the target already has users and `force` is not
 * set. Triggers stay off while rows go in (a restored user must not get the
 * default roles twice); identity sequences continue after the restored ids;
 * the permission epoch moves on so running servers drop their caches.
 */
export async function restoreDatabase(
  db: Database,
  dump: { header: DumpHeader; rows: DumpRow[] },
  options: RestoreOptions,
): Promise<Record<string, number>> {
  const missingKeys = [...sealingKeyIds(dump.rows)].filter((id) => !options.keyIds.includes(id));
  if (missingKeys.length > 0) {
    throw new RestoreRefusedError(
      `the dump's secrets are sealed with key ${missingKeys.join(', ')}, which this key file lacks: ` +
        'use the key file of the dumped installation (copy its keys.json, or set MCPIST_KEY_FILE)',
    );
  }
  return db.transaction(async (tx) => {
    const migrations = await appliedMigrations(tx);
    if (migrations.join() !== dump.header.migrations.join()) {
      throw new RestoreRefusedError(
        `the dump's schema (migrations up to ${dump.header.migrations.at(-1) ?? 'none'}) is not this MCPist's ` +
          `(up to ${migrations.at(-1) ?? 'none'}): restore with the MCPist version that made it (${dump.header.mcpist_version})`,
      );
    }
    const tables = await tablesInRestoreOrder(tx);
    const unknown = Object.keys(dump.header.tables).filter((table) => !tables.includes(table));
    if (unknown.length > 0)
      throw new RestoreRefusedError(`the dump has tables this database lacks: ${unknown.join(', ')}`);
    const [{ users } = { users: 0 }] = await tx.query<{ users: number }>(
      'select count(*)::int as users from public.users',
    );
    if (users > 0 && !options.force) {
      throw new RestoreRefusedError(
        `the target already holds data (${users} users): restore into a fresh data folder or database, ` +
          'or pass --force to replace everything in it',
      );
    }

    for (const table of tables) await tx.query(`alter table public.${ident(table)} disable trigger user`);
    for (const table of [...tables].reverse()) await tx.query(`delete from public.${ident(table)}`);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = dump.rows.filter((entry) => entry.table === table).map((entry) => entry.row);
      counts[table] = rows.length;
      if (rows.length > 0) await insertRows(tx, table, rows);
    }
    for (const table of tables) await tx.query(`alter table public.${ident(table)} enable trigger user`);
    await continueIdentities(tx, tables);
    if (tables.includes('permission_epoch')) await tx.query('update public.permission_epoch set version = version + 1');
    return counts;
  });
}

async function insertRows(tx: Queryable, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const columns = await tx.query<{ name: string; identity: string }>(
    `select attname as name, attidentity::text as identity from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
      order by attnum`,
    [`public.${ident(table)}`],
  );
  const list = columns.map((column) => ident(column.name)).join(', ');
  const overriding = columns.some((column) => column.identity === 'a') ? 'overriding system value' : '';
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.query(
      `insert into public.${ident(table)} (${list}) ${overriding}
       select ${list} from jsonb_populate_recordset(null::public.${ident(table)}, $1::jsonb)`,
      [JSON.stringify(rows.slice(start, start + BATCH))],
    );
  }
}

/** Identity columns continue after the highest restored value. */
async function continueIdentities(tx: Queryable, tables: readonly string[]): Promise<void> {
  const identities = await tx.query<{ table_name: string; column_name: string }>(
    `select c.relname as table_name, a.attname as column_name from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relnamespace = 'public'::regnamespace and a.attidentity <> '' and not a.attisdropped`,
  );
  for (const { table_name: table, column_name: column } of identities) {
    if (!tables.includes(table)) continue;
    await tx.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(column)}) from public.${ident(table)}), 0) + 1, false)`,
      [`public.${ident(table)}`, column],
    );
  }
}
