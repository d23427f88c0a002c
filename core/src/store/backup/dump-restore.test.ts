import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../../plugins/github/test/fake-github.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../../test-support/postgres-server.js';
import { runMcpist } from '../../test-support/run-cli.js';
import { startTestHub } from '../../test-support/test-hub.js';
import { type DumpRow, parseDump } from './database-dump.js';

/**
 * `mcpist db dump` then `mcpist db restore` into a fresh store, on the
 * embedded store and on PostgreSQL: the same users, roles, API tokens and
 * credentials, which work (a tool call with the restored token and
 * credential); secrets stay sealed in the dump; a store with users, a dump
 * whose key is missing and a file that is no dump are refused, changing nothing.
 */

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const TOKEN_SECRET_PATTERN = /ghp_fakeToken|mcpist_[A-Za-z0-9_-]{43}/;

interface Store {
  /** Global CLI arguments and environment that point a command at this store. */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Hub settings for this store. */
  hub: Record<string, unknown>;
}

let work: string;
let github: FakeGitHub;
let postgres: TestPostgres | undefined;
const unavailable = postgresUnavailableReason();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mcpist-dump-'));
  github = await startFakeGitHub();
  if (!unavailable) postgres = await startTestPostgres();
}, 60_000);

afterAll(async () => {
  await github?.close();
  await postgres?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function freshPostgres(): Promise<string> {
  const name = `mcpist_dump_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: postgres?.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgres?.url ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

const embedded = (dataDir: string): Store => ({ args: ['--data-dir', dataDir], env: {}, hub: { dataDir } });
const onPostgres = (databaseUrl: string, keyFile: string): Store => ({
  args: [],
  env: { DATABASE_URL: databaseUrl, MCPIST_KEY_FILE: keyFile },
  hub: { databaseUrl, keyFile },
});

async function mcpist(store: Store, args: string[], input?: string) {
  return runMcpist([...store.args, ...args], { env: store.env, ...(input === undefined ? {} : { input }) });
}

async function ok(store: Store, args: string[], input?: string): Promise<string> {
  const run = await mcpist(store, args, input);
  expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

/** Users, roles, a shared and a personal credential, two API tokens. Returns alice's token. */
async function populate(store: Store): Promise<string> {
  await ok(store, ['user', 'add', ALICE, '--admin']);
  await ok(store, ['user', 'add', BOB]);
  await ok(store, ['role', 'create', 'devs', '--modules', 'github']);
  await ok(store, ['role', 'assign', BOB, 'devs']);
  await ok(store, ['credential', 'set', 'github', '--token', '-', '--user', ALICE], github.token);
  await ok(store, ['token', 'create', '--user', BOB]);
  return (await ok(store, ['token', 'create', '--user', ALICE])).trim();
}

/** A dump's rows by table, in a stable order, without what a restore moves on by design. */
function rowsByTable(rows: DumpRow[]): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  for (const { table, row } of rows) {
    if (table === 'permission_epoch') continue;
    const list = tables[table] ?? [];
    list.push(JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))));
    tables[table] = list;
  }
  for (const list of Object.values(tables)) list.sort();
  return tables;
}

async function toolCallWorks(store: Store, token: string): Promise<boolean> {
  const hub = await startTestHub({ ...store.hub, pluginSettings: { github: { baseUrl: github.url } } });
  try {
    const client = await hub.connect({ token });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'get_repo', params: { owner: 'octo-org', repo: 'hello-world' } },
    });
    await client.close();
    return result.isError !== true && JSON.stringify(result.content).includes('octo-org/hello-world');
  } finally {
    await hub.close();
  }
}

function dumpAndRestoreCases(name: string, source: () => Promise<Store>, target: () => Promise<Store>) {
  describe(name, () => {
    let from: Store;
    let to: Store;
    let token: string;
    let dumpFile: string;

    beforeAll(async () => {
      from = await source();
      token = await populate(from);
      to = await target();
      dumpFile = join(work, `${name.replace(/\W+/g, '-')}.jsonl`);
      await ok(from, ['db', 'dump', '--output', dumpFile]);
    }, 120_000);

    it('writes a private dump file whose secrets stay sealed', () => {
      expect(statSync(dumpFile).mode & 0o777).toBe(0o600);
      const text = readFileSync(dumpFile, 'utf8');
      expect(text).not.toMatch(TOKEN_SECRET_PATTERN);
      const { header, rows } = parseDump(text);
      expect(header.tables.users).toBe(2);
      expect(header.tables.api_tokens).toBe(2);
      const credential = rows.find((row) => row.table === 'credentials')?.row;
      expect(String(credential?.secret)).toMatch(/^v1:/);
    });

    it('restores into a fresh store: the same rows, and the token and credential work', async () => {
      const restored = await ok(to, ['db', 'restore', dumpFile]);
      expect(restored).toMatch(/^restored \d+ rows into \d+ tables/);
      const original = parseDump(readFileSync(dumpFile, 'utf8'));
      const again = parseDump(await ok(to, ['db', 'dump']));
      expect(rowsByTable(again.rows)).toEqual(rowsByTable(original.rows));
      expect(JSON.parse(await ok(to, ['role', 'list', '--json']))).toEqual(
        JSON.parse(await ok(from, ['role', 'list', '--json'])),
      );
      expect(await toolCallWorks(to, token)).toBe(true);
    }, 60_000);

    it('refuses to overwrite a store with users unless --force', async () => {
      const refused = await mcpist(to, ['db', 'restore', dumpFile]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('--force');
      await ok(to, ['user', 'add', 'carol@example.com']);
      expect(parseDump(await ok(to, ['db', 'dump'])).header.tables.users).toBe(3);
      await ok(to, ['db', 'restore', dumpFile, '--force']);
      const after = parseDump(await ok(to, ['db', 'dump']));
      expect(after.header.tables.users).toBe(2);
      expect(rowsByTable(after.rows)).toEqual(rowsByTable(parseDump(readFileSync(dumpFile, 'utf8')).rows));
    }, 60_000);
  });
}

dumpAndRestoreCases(
  'embedded store',
  async () => embedded(join(work, 'a')),
  async () => {
    // A fresh data folder with the source's key file, as docs/operations.md says.
    const dir = join(work, 'b');
    await ok(embedded(dir), ['status']);
    copyFileSync(join(work, 'a', 'keys.json'), join(dir, 'keys.json'));
    return embedded(dir);
  },
);

describe.skipIf(unavailable !== undefined)('on a real PostgreSQL server', () => {
  dumpAndRestoreCases(
    'PostgreSQL',
    async () => {
      const keyFile = join(work, 'pg-keys.json');
      return onPostgres(await freshPostgres(), keyFile);
    },
    async () => onPostgres(await freshPostgres(), join(work, 'pg-keys.json')),
  );
});

describe('refusals that change nothing', () => {
  it('refuses a dump sealed under a key the target lacks', async () => {
    const header = { format: 'mcpist-dump', version: 1, migrations: [], tables: { oauth_apps: 1 } };
    const row = {
      table: 'oauth_apps',
      row: { service: 'google', client_id: 'id', client_secret: 'v1:kgone:aa:bb:cc' },
    };
    const file = join(work, 'keyed.jsonl');
    writeFileSync(file, `${JSON.stringify(header)}\n${JSON.stringify(row)}\n`);
    const target = embedded(join(work, 'a'));
    const before = await ok(target, ['db', 'dump']);
    const refused = await mcpist(target, ['db', 'restore', file, '--force']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/sealed with key kgone, which this key file lacks/);
    expect(rowsByTable(parseDump(await ok(target, ['db', 'dump'])).rows)).toEqual(rowsByTable(parseDump(before).rows));
  }, 60_000);

  it.each([
    ['a file that is no dump', 'hello\n', /not an MCPist dump/],
    [
      'a cut-off dump',
      `${JSON.stringify({ format: 'mcpist-dump', version: 1, migrations: [], tables: { users: 2 } })}\n`,
      /incomplete/,
    ],
  ])('refuses %s', async (_name, content, message) => {
    const file = join(work, 'bad.jsonl');
    writeFileSync(file, content);
    const target = embedded(join(work, 'bad-target'));
    const refused = await mcpist(target, ['db', 'restore', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(message);
  });

  it('never overwrites an existing output file', async () => {
    const file = join(work, 'exists.jsonl');
    writeFileSync(file, 'keep me');
    const run = await mcpist(embedded(join(work, 'a')), ['db', 'dump', '--output', file]);
    expect(run.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
