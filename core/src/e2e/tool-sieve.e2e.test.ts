import { Writable } from 'node:stream';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transports } from 'winston';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { rpcError } from '../test-support/rpc-error.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const REPO = { owner: 'octo-org', repo: 'hello-world' };
let github: FakeGitHub;
let hub: TestHub;
let bob: { token: string; userId: string };
let roleId: string;
const logLines: Array<Record<string, unknown>> = [];

/** bob's tool_denied rows in audit_logs and warn lines in the log. */
async function deniedEvents() {
  await hub.flushAudit();
  const rows = await hub.server.container
    .resolve(Tokens.Database)
    .query<{ module: string; tool: string; reason: string }>(
      "select module, tool, reason from public.audit_logs where event = 'tool_denied' and user_id = $1 order by id",
      [bob.userId],
    );
  const logs = logLines.filter((line) => line.event === 'tool_denied' && line.user_id === bob.userId);
  return { rows, logs };
}

const issueLine = (id: string, tool: string, params: Record<string, unknown>) =>
  JSON.stringify({ id, module: 'github', tool, params: { ...REPO, ...params } });

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 3 });
  hub = await startTestHub({ logLevel: 'warn', pluginSettings: { github: { baseUrl: github.url } } });
  hub.server.container.resolve(Tokens.Logger).add(
    new transports.Stream({
      stream: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(JSON.parse(chunk.toString()));
          done();
        },
      }),
    }),
  );
  bob = await hub.issueToken('bob@example.com');
  await hub.setCredential('github', github.token, { userId: bob.userId });
  // bob holds only a role with github, create_issue masked.
  const roles = hub.server.container.resolve(Tokens.RolesRepository);
  roleId = await hub.grant(bob.userId, { modules: ['github'], masks: { github: ['create_issue'] } });
  await roles.setUserRoles(bob.userId, [roleId]);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

beforeEach(() => {
  github.requests.length = 0;
});

describe('a masked tool', () => {
  let meta: Client;
  let direct: Client;

  beforeAll(async () => {
    meta = await hub.connect({ token: bob.token });
    direct = await hub.connect({ token: bob.token, mode: 'direct' });
  });

  it('is refused via call exactly like an unknown tool, leaving one security event', async () => {
    const before = await deniedEvents();
    const masked = await rpcError(
      meta.callTool({ name: 'call', arguments: { module: 'github', tool: 'create_issue', params: { ...REPO } } }),
    );
    const unknown = await rpcError(
      meta.callTool({ name: 'call', arguments: { module: 'github', tool: 'no_such_tool', params: { ...REPO } } }),
    );
    expect(masked.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL, tool: 'create_issue' });
    expect(masked.code).toBe(unknown.code);
    expect(masked.message.replace('create_issue', 'X')).toBe(unknown.message.replace('no_such_tool', 'X'));
    const after = await deniedEvents();
    expect(after.rows.slice(before.rows.length)).toEqual([
      { module: 'github', tool: 'create_issue', reason: 'tool not allowed' },
    ]);
    expect(after.logs.length - before.logs.length).toBe(1);
    expect(after.logs.at(-1)).toMatchObject({ level: 'warn', module: 'github', tool: 'create_issue' });
    expect(github.requests).toHaveLength(0);
  });

  it('fails a whole batch before anything runs when one line is masked, leaving one security event', async () => {
    const before = await deniedEvents();
    const error = await rpcError(
      meta.callTool({
        name: 'batch',
        arguments: {
          commands: [
            issueLine('a', 'list_issues', {}),
            issueLine('b', 'create_issue', { title: 'sneaky' }),
            issueLine('c', 'get_issue', { issue_number: 1 }),
          ].join('\n'),
        },
      }),
    );
    expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL, tool: 'create_issue' });
    expect(github.requests).toHaveLength(0);
    const after = await deniedEvents();
    expect(after.rows.length - before.rows.length).toBe(1);
    expect(after.logs.length - before.logs.length).toBe(1);
  });

  it('is neither listed nor runnable in direct mode, refused like an unknown tool, leaving one security event', async () => {
    const { tools } = await direct.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('github_list_issues');
    expect(names).not.toContain('github_create_issue');
    const before = await deniedEvents();
    const masked = await rpcError(direct.callTool({ name: 'github_create_issue', arguments: { ...REPO } }));
    const unknown = await rpcError(direct.callTool({ name: 'github_no_such_tool', arguments: { ...REPO } }));
    expect(masked.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL });
    expect(masked.message.replace('github_create_issue', 'X')).toBe(
      unknown.message.replace('github_no_such_tool', 'X'),
    );
    const after = await deniedEvents();
    expect(after.rows.slice(before.rows.length)).toEqual([
      { module: 'github', tool: 'create_issue', reason: 'tool not allowed' },
    ]);
    expect(after.logs.length - before.logs.length).toBe(1);
    expect(github.requests).toHaveLength(0);
  });

  it('a module outside every role answers like an unknown module (2001), leaving one security event', async () => {
    const before = await deniedEvents();
    const error = await rpcError(
      meta.callTool({ name: 'call', arguments: { module: 'notion', tool: 'search', params: {} } }),
    );
    expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_MODULE, module: 'notion' });
    const schema = await rpcError(meta.callTool({ name: 'get_module_schema', arguments: { modules: ['notion'] } }));
    expect(schema.data).toMatchObject({ code: ErrorCodes.INVALID_MODULE });
    const after = await deniedEvents();
    expect(after.rows.slice(before.rows.length)).toEqual([
      { module: 'notion', tool: 'search', reason: 'module not allowed' },
    ]);
  });
});

describe('a failing audit write', () => {
  it('leaves the refusal as it was (2002, not a server error) and is logged without secrets', async () => {
    const db = hub.server.container.resolve(Tokens.Database);
    const client = await hub.connect({ token: bob.token });
    await db.query('alter table public.audit_logs rename to audit_logs_away');
    try {
      const error = await rpcError(
        client.callTool({ name: 'call', arguments: { module: 'github', tool: 'create_issue', params: { ...REPO } } }),
      );
      expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL });
      await hub.flushAudit();
    } finally {
      await db.query('alter table public.audit_logs_away rename to audit_logs');
    }
    const failure = logLines.find((line) => line.message === 'audit write failed');
    expect(failure).toMatchObject({ level: 'error', event: 'tool_denied', user_id: bob.userId });
    expect(JSON.stringify(failure)).not.toContain(bob.token);
  });
});

describe('a change of permissions', () => {
  it('is seen on the next request, in the schema and in what runs', async () => {
    const client = await hub.connect({ token: bob.token });
    const toolsOf = async () => {
      const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
      const value = result.structuredContent as { modules: Array<{ tools: Array<{ name: string }> }> };
      return value.modules[0]?.tools.map((tool) => tool.name).sort();
    };
    expect(await toolsOf()).not.toContain('create_issue');
    const roles = hub.server.container.resolve(Tokens.RolesRepository);
    await roles.setPermissions(roleId, { enabledModules: ['github'], toolMasks: { github: ['list_issues'] } });
    expect(await toolsOf()).toContain('create_issue');
    expect(await toolsOf()).not.toContain('list_issues');
    const created = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'create_issue', params: { ...REPO, title: 'allowed now' } },
    });
    expect(created.isError).toBeFalsy();
    expect(github.requests).toHaveLength(1);
    await roles.setPermissions(roleId, { enabledModules: ['github'], toolMasks: { github: ['create_issue'] } });
    expect(await toolsOf()).not.toContain('create_issue');
  });
});
