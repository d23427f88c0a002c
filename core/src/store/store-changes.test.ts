import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';
import { ChangeCache } from './change-cache.js';
import { openDatabase } from './open-database.js';
import { listenOnPostgres } from './postgres-listener.js';
import { StoreChanges } from './store-changes.js';

const issue = { owner: 'octo-org', repo: 'hello-world' };
const callListIssues = (client: Awaited<ReturnType<TestHub['connect']>>) =>
  client.callTool({ name: 'call', arguments: { module: 'github', tool: 'list_issues', params: issue } });

describe('change cache on the embedded store', () => {
  it('serves a value until its table changes, and never one read before the change', async () => {
    const { db } = await openDatabase({ dataDir: 'memory://' });
    const changes = await StoreChanges.watch(db);
    try {
      let reads = 0;
      const cache = new ChangeCache<string, number>(changes, ['permission_epoch']);
      const load = async () => {
        reads++;
        const [row] = await db.query<{ version: string }>(
          'select version::text as version from public.permission_epoch',
        );
        return Number(row?.version);
      };
      const first = await cache.get('epoch', load);
      expect(await cache.get('epoch', load)).toBe(first);
      expect(reads).toBe(1);

      // A change to another table leaves it; a change to its table drops it before the changing query resolves.
      await db.query('update public.api_tokens set revoked_at = now() where false');
      expect(cache.size).toBe(1);
      await db.query('update public.permission_epoch set version = version + 1');
      expect(cache.size).toBe(0);
      expect(await cache.get('epoch', load)).toBe(first + 1);

      // A lookup in flight when the change lands is not kept.
      const inFlight = cache.get('epoch', async () => first + 1);
      await db.query('update public.permission_epoch set version = version + 1');
      await inFlight;
      expect(await cache.get('epoch', load)).toBe(first + 2);
    } finally {
      await changes.close();
      await db.close();
    }
  });

  it('reads through when the changes are not heard, and keeps only what `keep` accepts', async () => {
    let reads = 0;
    const none = new ChangeCache<string, number>(StoreChanges.none(), ['users']);
    await none.get('a', async () => ++reads);
    await none.get('a', async () => ++reads);
    expect(reads).toBe(2);

    const { db } = await openDatabase({ dataDir: 'memory://' });
    const changes = await StoreChanges.watch(db);
    try {
      const found = new ChangeCache<string, string | undefined>(changes, ['api_tokens'], {
        keep: (value) => value !== undefined,
      });
      await found.get('unknown', async () => undefined);
      expect(found.size).toBe(0);
      await found.get('known', async () => 'owner');
      expect(found.size).toBe(1);
    } finally {
      await changes.close();
      await db.close();
    }
  });
});

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping change notifications on PostgreSQL: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('change notifications between instances on PostgreSQL', () => {
  let server: TestPostgres;
  let github: FakeGitHub;
  let one: TestHub;
  let two: TestHub;

  beforeAll(async () => {
    [server, github] = await Promise.all([startTestPostgres(), startFakeGitHub({ issues: 2 })]);
    const name = `mcpist_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    const keyFile = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
    const config = { databaseUrl: url.toString(), keyFile, pluginSettings: { github: { baseUrl: github.url } } };
    one = await startTestHub(config);
    two = await startTestHub(config);
  }, 90_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await github?.close();
    await server?.stop();
  });

  const heardOnTwo = () => two.server.container.resolve(Tokens.StoreChanges).next();

  it('a credential stored and a token revoked on one instance count on the other once it hears of them', async () => {
    const bob = await one.issueToken('bob@example.com');
    const client = await two.connect({ token: bob.token });
    const before = await callListIssues(client);
    expect(before.isError).toBe(true);
    expect((before.structuredContent as { error: { code: number } }).error.code).toBe(ErrorCodes.UNAUTHORIZED);

    let heard = heardOnTwo();
    await one.setCredential('github', github.token, { userId: bob.userId });
    await heard;
    const after = await callListIssues(client);
    expect(after.isError).toBeFalsy();
    expect(textOf(after)).toMatch(/^items\[2\]/);

    const tokens = one.server.container.resolve(Tokens.ApiTokensRepository);
    const [row] = await tokens.listOf(bob.userId);
    heard = heardOnTwo();
    await tokens.revoke(bob.userId, row?.id as string);
    await heard;
    await expect(callListIssues(client)).rejects.toThrow(/401|revoked/);
  });

  it('does not trust a store whose notifications never arrive (a transaction pooler), and says so', async () => {
    // The pool on one database, the LISTEN on another: a notification sent through the pool never reaches it.
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const other = `mcpist_${Math.random().toString(36).slice(2, 10)}`;
    await admin.query(`create database ${other}`);
    await admin.end();
    const elsewhere = new URL(server.url);
    elsewhere.pathname = `/${other}`;
    const { db } = await openDatabase({ databaseUrl: server.url, dataDir: 'unused' });
    const deaf = Object.assign(Object.create(db), {
      listen: (channel: string, handlers: Parameters<typeof db.listen>[1]) =>
        listenOnPostgres(elsewhere.toString(), channel, handlers),
    });
    const changes = await StoreChanges.watch(deaf, 300);
    try {
      expect(changes.probeFailed).toBe(true);
      expect(changes.live).toBe(false);
    } finally {
      await changes.close();
      await db.close();
    }
  });

  it('reads through while the listening connection is down, and caches again once it is back', async () => {
    const changes = two.server.container.resolve(Tokens.StoreChanges);
    expect(changes.live).toBe(true);
    const lost = changes.next();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %' and state = 'idle'`,
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // Both instances listened; either connection may have gone first: wait until two's is down.
    await lost;
    while (changes.live) await changes.next();
    const restored = changes.next();
    const client = await two.connect();
    expect((await callListIssues(client)).isError).toBe(true); // alice has no github credential: still answered
    await restored;
    expect(changes.live).toBe(true);
  });
});
