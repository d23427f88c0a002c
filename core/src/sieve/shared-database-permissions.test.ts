import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping shared-database permission tests: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('permissions changed on one instance, seen by another', () => {
  let server: TestPostgres;
  let github: FakeGitHub;
  let one: TestHub;
  let two: TestHub;
  let client: Client;
  let roleId: string;

  const githubTools = async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    const value = result.structuredContent as { modules: Array<{ deprecated?: true; tools: Array<{ name: string }> }> };
    return { deprecated: value.modules[0]?.deprecated, tools: value.modules[0]?.tools.map((t) => t.name).sort() };
  };

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
    const bob = await one.issueToken('bob@example.com');
    roleId = await one.grant(bob.userId, { modules: ['github'], masks: { github: ['create_issue'] } });
    await one.server.container.resolve(Tokens.RolesRepository).setUserRoles(bob.userId, [roleId]);
    client = await two.connect({ token: bob.token });
  }, 90_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await github?.close();
    await server?.stop();
  });

  /** Runs a change on instance one and resolves once instance two has heard of it (NOTIFY is asynchronous). */
  const onOne = async (change: () => Promise<unknown>) => {
    const heard = two.server.container.resolve(Tokens.StoreChanges).next();
    await change();
    await heard;
  };

  it('role permissions and module status move on the next request', async () => {
    const before = await githubTools();
    expect(before.tools).not.toContain('create_issue');
    expect(before.tools).toContain('list_issues');

    await onOne(() =>
      one.server.container
        .resolve(Tokens.RolesRepository)
        .setPermissions(roleId, { enabledModules: ['github'], toolMasks: { github: ['list_issues'] } }),
    );
    const after = await githubTools();
    expect(after.tools).toContain('create_issue');
    expect(after.tools).not.toContain('list_issues');

    const registry = one.server.container.resolve(Tokens.ModuleRegistryRepository);
    await onOne(() => registry.update('github', { status: 'deprecated' }));
    expect((await githubTools()).deprecated).toBe(true);
    await onOne(() => registry.update('github', { status: 'broken' }));
    const refused = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } }).then(
      () => undefined,
      (error: { data?: unknown }) => error.data,
    );
    expect(refused).toMatchObject({ code: ErrorCodes.INVALID_MODULE });
    await onOne(() => registry.update('github', { status: 'stable' }));
    expect((await githubTools()).deprecated).toBeUndefined();
  });
});
