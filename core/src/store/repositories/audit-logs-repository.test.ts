import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../../test-support/postgres-server.js';
import type { Database } from '../database.js';
import { openDatabase } from '../open-database.js';
import { AuditLogsRepository } from './audit-logs-repository.js';

const unavailable = postgresUnavailableReason();
let postgres: TestPostgres | undefined;

beforeAll(async () => {
  if (!unavailable) postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

const stores: Array<[string, () => Promise<Database>]> = [
  ['the embedded store', async () => (await openDatabase({ dataDir: 'memory://' })).db],
  ...(unavailable
    ? []
    : [
        ['PostgreSQL', async () => (await openDatabase({ databaseUrl: postgres?.url ?? '', dataDir: '' })).db] as [
          string,
          () => Promise<Database>,
        ],
      ]),
];

describe.each(stores)('the audit log on %s', (_name, open) => {
  let db: Database;
  let userId: string;

  beforeAll(async () => {
    db = await open();
    await db.query('delete from public.audit_logs');
    const email = `audit-${Math.random().toString(36).slice(2)}@example.com`;
    [{ id: userId }] = (await db.query<{ id: string }>('insert into public.users (email) values ($1) returning id', [
      email,
    ])) as [{ id: string }];
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes a batch in one statement, text of any shape kept as given', async () => {
    const awkward = ['a "quoted", {braced} value', 'back\\slash', 'NULL', '', 'ünïcødé ✓'];
    await new AuditLogsRepository(db).recordMany(
      awkward.map((reason, index) => ({
        event: 'tool_called',
        userId,
        module: 'github',
        tool: `tool_${index}`,
        reason,
        details: { ok: index % 2 === 0, note: reason },
        requestId: `request-${index}`,
      })),
    );
    const rows = await db.query<{ tool: string; reason: string; details: { note: string }; request_id: string }>(
      "select tool, reason, details, request_id from public.audit_logs where event = 'tool_called' order by tool",
    );
    expect(rows.map((row) => row.reason)).toEqual(awkward);
    expect(rows.map((row) => row.details.note)).toEqual(awkward);
    expect(rows.map((row) => row.request_id)).toEqual(awkward.map((_, index) => `request-${index}`));
  });

  it('keeps events without a user, drops those of a user that no longer exists', async () => {
    await new AuditLogsRepository(db).recordMany([
      { event: 'sign_in_refused' },
      { event: 'late_call', userId: '00000000-0000-0000-0000-00000000dead' },
      { event: 'late_call', userId },
    ]);
    const rows = await db.query<{ event: string; user_id: string | null; module: string | null }>(
      "select event, user_id, module from public.audit_logs where event in ('sign_in_refused', 'late_call')",
    );
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { event: 'sign_in_refused', user_id: null, module: null },
        { event: 'late_call', user_id: userId, module: null },
      ]),
    );
  });

  it('leaves the foreign keys enforced for every other statement', async () => {
    await new AuditLogsRepository(db).recordMany([{ event: 'tool_called', userId }]);
    await expect(
      db.query("insert into public.audit_logs (user_id, event) values ('00000000-0000-0000-0000-00000000dead', 'x')"),
    ).rejects.toThrow(/foreign key/);
  });
});
