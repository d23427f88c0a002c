import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './database.js';
import { migrate, readMigrations } from './migrations.js';

// The template lives in core/dist/store/. The relative path reaches it from
// core/dist/store/ (the built server) and from core/src/store/ (tests run from
// sources) alike, so tests load the same template a built server does.
const STORE_DIST = new URL('../../dist/store/', import.meta.url);

/** An initialised, migrated data folder, copied as is into a new data folder (faster than unpacking). */
export const PGLITE_TEMPLATE_DIR = fileURLToPath(new URL('pglite-template/', STORE_DIST));
/**
 * The same database as a tar dump, loaded by in-memory stores (tests). Not
 * gzipped: PGlite unpacks a gzipped dump in JavaScript, which costs about a
 * third more CPU per start than the 40 MB read.
 */
export const PGLITE_TEMPLATE_ARCHIVE = fileURLToPath(new URL('pglite-template.tar', STORE_DIST));
const STAMP = fileURLToPath(new URL('pglite-template.sha256', STORE_DIST));

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/** PostgreSQL writes some files 0600; whoever runs the server (e.g. a non-root user in Docker) copies them. */
function makeReadable(path: string): void {
  const stat = statSync(path);
  chmodSync(path, stat.isDirectory() ? stat.mode | 0o555 : stat.mode | 0o444);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeReadable(join(path, entry));
}

/**
 * Writes the template unless the one on disk was made from the same PGlite
 * version and migrations. Files are written under temporary names and renamed,
 * so concurrent runs (two test suites, a build and a test run) never see half
 * a template. Returns whether it wrote one.
 */
export async function ensurePgliteTemplate(): Promise<boolean> {
  const migrations = await readMigrations();
  const hash = createHash('sha256').update(pgliteVersion()).update(JSON.stringify(migrations)).digest('hex');
  const current = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
  if (current && existsSync(PGLITE_TEMPLATE_ARCHIVE) && existsSync(PGLITE_TEMPLATE_DIR)) return false;

  mkdirSync(fileURLToPath(STORE_DIST), { recursive: true });
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const pg = new PGlite();
  const db: Database = {
    kind: 'pglite',
    query: async (sql, params = []) => (await pg.query(sql, params as unknown[])).rows as never,
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({ query: async (sql, params = []) => (await tx.query(sql, params as unknown[])).rows as never }),
      ),
    listen: async (channel, handlers) => {
      const stop = await pg.listen(channel, handlers.notify);
      return () => stop();
    },
    ping: async () => true,
    close: () => pg.close(),
  };
  await migrate(db, migrations);
  const dump = await pg.dumpDataDir('none');
  await pg.close();

  const folder = `${PGLITE_TEMPLATE_DIR.replace(/\/$/, '')}${suffix}`;
  const unpacked = new PGlite({ dataDir: folder, loadDataDir: dump });
  await unpacked.waitReady;
  await unpacked.close();
  makeReadable(folder);
  rmSync(PGLITE_TEMPLATE_DIR, { recursive: true, force: true });
  try {
    renameSync(folder, PGLITE_TEMPLATE_DIR);
  } catch {
    rmSync(folder, { recursive: true, force: true }); // another run got there first
  }
  writeFileSync(`${PGLITE_TEMPLATE_ARCHIVE}${suffix}`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${PGLITE_TEMPLATE_ARCHIVE}${suffix}`, PGLITE_TEMPLATE_ARCHIVE);
  writeFileSync(`${STAMP}${suffix}`, hash);
  renameSync(`${STAMP}${suffix}`, STAMP);
  return true;
}
