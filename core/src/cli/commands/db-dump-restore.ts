import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { dumpDatabase, dumpLines, parseDump } from '../../store/backup/database-dump.js';
import { restoreDatabase } from '../../store/backup/database-restore.js';
import { defineAdminCommand } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';

/**
 * `mcpist db dump`: every MCPist table as JSON lines (docs/operations.md#backup-and-restore).
 * Through the admin channel while `serve` holds the embedded store, so a backup needs no downtime.
 */
export const DB_DUMP = defineAdminCommand({
  name: 'db dump',
  args: z.strictObject({}),
  deps: { db: Tokens.Database },
  async run({ db }, _args, context) {
    const dump = await dumpDatabase(db);
    // One output per line: through the admin channel each is one frame, and a frame is limited to 1 MB.
    for (const line of dumpLines(dump)) context.out(line);
    const rows = Object.values(dump.header.tables).reduce((sum, n) => sum + n, 0);
    context.err(
      `dumped ${rows} rows of ${Object.keys(dump.header.tables).length} tables (${dump.header.store}); ` +
        'secrets stay encrypted: keep the key file to restore them\n',
    );
  },
});

export async function dbDump(global: GlobalOptions, options: { output?: string }): Promise<void> {
  if (!options.output) return runAdminCommand(global, DB_DUMP, {});
  const chunks: string[] = [];
  await runAdminCommand(
    global,
    DB_DUMP,
    {},
    { out: (chunk) => chunks.push(chunk), err: (m) => cliIo().stderr.write(m) },
  );
  const text = chunks.join('');
  // Sealed secrets and token hashes: readable by the owner only, and never over an existing file.
  writeFileSync(options.output, text, { mode: 0o600, flag: 'wx' });
}

/**
 * `mcpist db restore <file>`: replaces the store's rows with a dump's, on the
 * store itself (stop the server of an embedded store first; it holds the folder).
 */
export async function dbRestore(global: GlobalOptions, file: string, options: { force?: boolean }): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const dump = parseDump(text);
  const { withServices } = await import('./with-services.js');
  const deps = { db: Tokens.Database, ring: Tokens.KeyRing };
  const counts = await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, ({ db, ring }) =>
    restoreDatabase(db, dump, { force: options.force === true, keyIds: ring.keyIds }),
  );
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
  cliIo().stdout.write(
    `restored ${rows} rows into ${Object.keys(counts).length} tables from a ${dump.header.store} dump of ${dump.header.created_at}\n`,
  );
}
