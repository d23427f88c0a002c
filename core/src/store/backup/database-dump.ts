import { MCPIST_VERSION } from '../../version.js';
import type { Database, Queryable } from '../database.js';

/** First line of a dump: what it holds and which schema it was taken from. */
export interface DumpHeader {
  format: 'mcpist-dump';
  version: 1;
  mcpist_version: string;
  store: Database['kind'];
  created_at: string;
  /** Applied migrations of the source database; a restore needs exactly these. */
  migrations: string[];
  /** Rows per table, in restore order (parents before children). */
  tables: Record<string, number>;
}

/** One table row of a dump, as PostgreSQL's `to_jsonb` renders it (secrets as stored: sealed). */
export interface DumpRow {
  table: string;
  row: Record<string, unknown>;
}

/** Bookkeeping that travels in the header, not as rows. */
const NOT_DUMPED = new Set(['mcpist_migrations']);

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The MCPist tables of `public`, parents before children (foreign keys), ties by name. */
export async function tablesInRestoreOrder(db: Queryable): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      `select c.relname as name from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by c.relname`,
    )
  )
    .map((row) => row.name)
    .filter((name) => !NOT_DUMPED.has(name));
  const edges = await db.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and c.relnamespace = 'public'::regnamespace and p.relnamespace = 'public'::regnamespace`,
  );
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of edges) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)));
    if (!next) throw new Error('the tables reference each other in a cycle; cannot order a dump');
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

export async function appliedMigrations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ version: string }>('select version from public.mcpist_migrations order by version');
  return rows.map((row) => row.version);
}

/**
 * Reads every MCPist table into a dump: a header line, then one JSON line per
 * row. Values are what PostgreSQL's `to_jsonb` makes of them, and restore
 * hands them back through `jsonb_populate_recordset`, so the database does
 * every type conversion both ways and PGlite and PostgreSQL dumps are alike.
 * Sealed secrets stay sealed: the dump is useless without the key file, and
 * the key file is never in it. Taken in one transaction (a consistent snapshot
 * on PostgreSQL).
 */
export async function dumpDatabase(db: Database): Promise<{ header: DumpHeader; rows: DumpRow[] }> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read, read only');
    const tables = await tablesInRestoreOrder(tx);
    const rows: DumpRow[] = [];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const found = await tx.query<{ row: Record<string, unknown> }>(
        `select to_jsonb(t) as row from public.${ident(table)} t`,
      );
      counts[table] = found.length;
      for (const { row } of found) rows.push({ table, row });
    }
    const header: DumpHeader = {
      format: 'mcpist-dump',
      version: 1,
      mcpist_version: MCPIST_VERSION,
      store: db.kind,
      created_at: new Date().toISOString(),
      migrations: await appliedMigrations(tx),
      tables: counts,
    };
    return { header, rows };
  });
}

/** A dump's lines, each ending in a newline: the header, then one per row. */
export function* dumpLines(dump: { header: DumpHeader; rows: DumpRow[] }): Generator<string> {
  yield `${JSON.stringify(dump.header)}\n`;
  for (const row of dump.rows) yield `${JSON.stringify(row)}\n`;
}

/** Parses a dump's text ({@link dumpLines} joined); throws a clear error on anything else. */
export function parseDump(text: string): { header: DumpHeader; rows: DumpRow[] } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parse = (line: string, index: number) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new Error(`not an MCPist dump: line ${index + 1} is not JSON`);
    }
  };
  const header = parse(lines[0] ?? '', 0) as Partial<DumpHeader> | null;
  if (header?.format !== 'mcpist-dump' || header.version !== 1 || !Array.isArray(header.migrations)) {
    throw new Error('not an MCPist dump (no "mcpist-dump" version 1 header)');
  }
  const rows = lines.slice(1).map((line, index) => {
    const entry = parse(line, index + 1) as Partial<DumpRow> | null;
    if (typeof entry?.table !== 'string' || typeof entry.row !== 'object' || entry.row === null) {
      throw new Error(`not an MCPist dump: line ${index + 2} is not a table row`);
    }
    return entry as DumpRow;
  });
  for (const [table, count] of Object.entries(header.tables ?? {})) {
    const found = rows.filter((row) => row.table === table).length;
    if (found !== count) throw new Error(`the dump is incomplete: ${table} has ${found} of ${count} rows`);
  }
  return { header: header as DumpHeader, rows };
}
