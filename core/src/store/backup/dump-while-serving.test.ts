import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServe, runCli, startServe } from '../../test-support/running-serve.js';
import { openDatabase } from '../open-database.js';
import { parseDump } from './database-dump.js';

/**
 * `mcpist db dump` while `serve` holds the embedded store: the built CLI
 * reaches the server through its admin channel, whose frames are limited to
 * 1 MB each, and a dump of several MB (a long audit log) still comes through
 * whole. `db restore` refuses to run beside the server (it holds the folder).
 */

const AUDIT_ROWS = 3000;
let dataDir: string;
let serve: RunningServe | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-dump-serving-'));
  expect((await runCli(dataDir, ['user', 'add', 'alice@example.com', '--admin'])).status).toBe(0);
  const { db } = await openDatabase({ dataDir });
  await db.query(
    `insert into public.audit_logs (event, details)
     select 'test.bulk', jsonb_build_object('n', n, 'pad', repeat('x', 1000)) from generate_series(1, $1::int) n`,
    [AUDIT_ROWS],
  );
  await db.close();
  serve = await startServe(dataDir);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('db dump while the embedded server runs', () => {
  it('dumps through the admin channel, several MB in 1 MB frames', async () => {
    const run = await runCli(dataDir, ['db', 'dump']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(3_000_000);
    const dump = parseDump(run.stdout);
    expect(dump.header.tables.users).toBe(1);
    expect(dump.rows.filter((row) => row.table === 'audit_logs' && row.row.event === 'test.bulk').length).toBe(
      AUDIT_ROWS,
    );
  });

  it('refuses a restore while the server holds the folder', async () => {
    const file = join(dataDir, '..', `${dataDir.split('/').at(-1)}.jsonl`);
    const dump = await runCli(dataDir, ['db', 'dump', '--output', file]);
    expect(dump.status, dump.stderr).toBe(0);
    const restore = await runCli(dataDir, ['db', 'restore', file, '--force']);
    expect(restore.status).toBe(2);
    rmSync(file, { force: true });
  });
});
