import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';
import { migrate, readMigrations } from './migrations.js';
import { openDatabase } from './open-database.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping PostgreSQL tests: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('on a real PostgreSQL server', () => {
  let server: TestPostgres;

  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  async function freshDatabase(): Promise<string> {
    const name = `mcpist_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  it('applies the migrations once, even when two instances start together', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([
      openDatabase({ databaseUrl: url, dataDir: '' }),
      openDatabase({ databaseUrl: url, dataDir: '' }),
    ]);
    const migrations = await readMigrations();
    expect([...a.applied, ...b.applied].sort()).toEqual(migrations.map((m) => m.version).sort());
    expect(await migrate(a.db, migrations)).toEqual([]);
    const tables = await a.db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['users', 'api_tokens', 'credentials', 'module_registry', 'mcpist_migrations']),
    );
    await Promise.all([a.db.close(), b.db.close()]);
  });

  describe('two MCPist instances sharing one database', () => {
    let github: FakeGitHub;
    let one: TestHub;
    let two: TestHub;

    beforeAll(async () => {
      github = await startFakeGitHub({ issues: 2 });
      const databaseUrl = await freshDatabase();
      const keyFile = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
      const config = { databaseUrl, keyFile, pluginSettings: { github: { baseUrl: github.url } } };
      one = await startTestHub(config);
      two = await startTestHub(config);
    }, 60_000);

    afterAll(async () => {
      await one?.close();
      await two?.close();
      await github?.close();
    });

    it('serve one client with a token and a credential created through the other', async () => {
      await one.setCredential('github', github.token);
      const client = await two.connect({ token: one.token });
      const result = await client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
      });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toMatch(/^items\[2\]/);
    });
  });
});
