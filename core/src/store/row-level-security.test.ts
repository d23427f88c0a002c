import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { openDatabase } from './open-database.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping row-level security tests: ${unavailable}`);

/** Per-user tables, and how to read the owning user of each row. */
const OWNED: Array<{ table: string; owner: string }> = [
  { table: 'users', owner: 'id' },
  { table: 'api_tokens', owner: 'user_id' },
  { table: 'credentials', owner: 'user_id' },
  { table: 'user_roles', owner: 'user_id' },
  { table: 'auth_accounts', owner: 'user_id' },
  { table: 'audit_logs', owner: 'user_id' },
];

interface Person {
  id: string;
  subject: string;
  roleId: string;
}

describe.skipIf(unavailable !== undefined)('row-level security on a real PostgreSQL server', () => {
  let server: TestPostgres;
  let owner: pg.Client;
  const people: Record<'a' | 'b' | 'admin', Person> = {} as never;

  /** Runs `sql` in a transaction as `role`, with the JWT claims Supabase would set, and rolls back. */
  async function as<T extends pg.QueryResultRow>(
    role: 'authenticated' | 'anon',
    subject: string | undefined,
    sql: string,
  ): Promise<T[]> {
    await owner.query('begin');
    try {
      await owner.query(`set local role ${role}`);
      const claims = subject ? { sub: subject, role } : { role };
      await owner.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      return (await owner.query<T>(sql)).rows;
    } finally {
      await owner.query('rollback');
    }
  }

  beforeAll(async () => {
    server = await startTestPostgres();
    const name = `mcpist_rls_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    const { db } = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await db.close();
    owner = new pg.Client({ connectionString: url.toString() });
    await owner.connect();
    // Supabase grants table privileges to anon and authenticated by default; only RLS stands between them and the rows.
    await owner.query('grant usage on schema public to anon');
    await owner.query('grant select on all tables in schema public to anon');
    await owner.query(`insert into public.allowed_users (email) values ('someone@example.com')`);

    for (const key of ['a', 'b', 'admin'] as const) {
      const [user] = (
        await owner.query<{ id: string }>(
          'insert into public.users (email, system_role) values ($1, $2) returning id',
          [`${key}@example.com`, key === 'admin' ? 'admin' : 'user'],
        )
      ).rows as [{ id: string }];
      const subject = randomUUID();
      await owner.query(
        `insert into public.auth_accounts (user_id, provider, subject, email) values ($1, 'supabase', $2, $3)`,
        [user.id, subject, `${key}@example.com`],
      );
      await owner.query(
        `insert into public.api_tokens (user_id, token_hash, token_prefix) values ($1, $2, 'mcpist_x')`,
        [user.id, `hash-${key}`],
      );
      await owner.query(
        `insert into public.credentials (user_id, service, kind, secret, key_id) values ($1, 'github', 'token', 'v1:x', 'k1')`,
        [user.id],
      );
      await owner.query(`insert into public.audit_logs (user_id, event) values ($1, 'tool_denied')`, [user.id]);
      const [role] = (
        await owner.query<{ id: string }>('insert into public.roles (name) values ($1) returning id', [`only-${key}`])
      ).rows as [{ id: string }];
      await owner.query('insert into public.role_permissions (role_id, enabled_modules) values ($1, $2)', [
        role.id,
        ['github'],
      ]);
      await owner.query('insert into public.user_roles (user_id, role_id) values ($1, $2)', [user.id, role.id]);
      people[key] = { id: user.id, subject, roleId: role.id };
    }
  }, 60_000);

  afterAll(async () => {
    await owner?.end();
    await server?.stop();
  });

  it.each(OWNED)('a user sees only their own rows of $table', async ({ table, owner: column }) => {
    const rows = await as<{ owner: string }>(
      'authenticated',
      people.a.subject,
      `select ${column}::text as owner from public.${table}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.owner))).toEqual(new Set([people.a.id]));
  });

  it('a user sees the roles and permissions they hold, not the others', async () => {
    const member = '00000000-0000-0000-0000-0000000000d1';
    const roles = await as<{ id: string }>('authenticated', people.a.subject, 'select id from public.roles');
    expect(roles.map((r) => r.id).sort()).toEqual([member, people.a.roleId].sort());
    const permissions = await as<{ role_id: string }>(
      'authenticated',
      people.a.subject,
      'select role_id from public.role_permissions',
    );
    expect(permissions.map((p) => p.role_id).sort()).toEqual([member, people.a.roleId].sort());
  });

  it('a user sees no allowed_users list and no permission epoch', async () => {
    for (const table of ['allowed_users', 'permission_epoch']) {
      expect(await as('authenticated', people.a.subject, `select * from public.${table}`)).toEqual([]);
    }
  });

  it("an admin sees shared credentials and their own, never another user's personal credential", async () => {
    const [shared] = (
      await owner.query<{ id: string }>(
        `insert into public.credentials (role_id, service, kind, secret, key_id) values ($1, 'github', 'token', 'v1:y', 'k1') returning id`,
        [people.a.roleId],
      )
    ).rows as [{ id: string }];
    const rows = await as<{ id: string; user_id: string | null }>(
      'authenticated',
      people.admin.subject,
      'select id::text as id, user_id::text as user_id from public.credentials',
    );
    expect(rows.map((row) => row.user_id ?? row.id).sort()).toEqual([people.admin.id, shared.id].sort());
    await owner.query('delete from public.credentials where id = $1', [shared.id]);
  });

  it.each([
    ...OWNED.filter(({ table }) => table !== 'credentials'),
    { table: 'roles', owner: 'id' },
    { table: 'role_permissions', owner: 'role_id' },
    { table: 'allowed_users', owner: 'email' },
  ])('an admin sees every row of $table', async ({ table }) => {
    const all = (await owner.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]?.n;
    const seen = await as<{ n: number }>(
      'authenticated',
      people.admin.subject,
      `select count(*)::int as n from public.${table}`,
    );
    expect(all).toBeGreaterThan(0);
    expect(seen[0]?.n).toBe(all);
  });

  it.each([
    ...OWNED,
    { table: 'roles', owner: 'id' },
    { table: 'role_permissions', owner: 'role_id' },
    { table: 'allowed_users', owner: 'email' },
  ])('anon, and a signed-in subject with no MCPist user, see nothing in $table', async ({ table }) => {
    expect(await as('anon', undefined, `select * from public.${table}`)).toEqual([]);
    expect(await as('authenticated', randomUUID(), `select * from public.${table}`)).toEqual([]);
  });

  it('a user cannot write through the API roles', async () => {
    await expect(
      as(
        'authenticated',
        people.a.subject,
        `update public.users set system_role = 'admin' where id = '${people.a.id}'`,
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
