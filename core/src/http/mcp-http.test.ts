import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { closeGitHubHub, startGitHubHub } from '../test-support/github-hub.js';
import { rpcError } from '../test-support/rpc-error.js';
import { type TestHub, textOf } from '../test-support/test-hub.js';

let github: FakeGitHub;
let hub: TestHub;

beforeAll(async () => {
  ({ github, hub } = await startGitHubHub());
});

afterAll(() => closeGitHubHub({ github, hub }));

describe('MCP over Streamable HTTP', () => {
  it('lists exactly the three meta-tools, naming the loaded modules', async () => {
    const client = await hub.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_module_schema', 'call', 'batch']);
    expect(tools[0]?.description).toContain('- github:');
  });

  it('returns the GitHub schema from get_module_schema', async () => {
    const client = await hub.connect();
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    const schema = result.structuredContent as { modules: Array<{ module: string; tools: Array<{ name: string }> }> };
    expect(schema.modules[0]?.module).toBe('github');
    expect(schema.modules[0]?.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['list_repos', 'list_issues', 'get_issue', 'create_issue', 'search_issues']),
    );
  });

  it('runs list_issues against the upstream with the stored credential, as TOON', async () => {
    const client = await hub.connect();
    const before = github.count();
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(/^items\[3\]\{id,number,title,state,html_url[,}]/);
    const request = github.requests.at(-1);
    expect(github.count()).toBe(before + 1);
    expect(request?.path).toBe('/repos/octo-org/hello-world/issues');
    expect(request?.headers.authorization).toMatch(new RegExp(`${github.token}$`));
  });

  it('returns JSON when params say format: json', async () => {
    const client = await hub.connect();
    const result = await client.callTool({
      name: 'call',
      arguments: {
        module: 'github',
        tool: 'get_issue',
        params: { owner: 'octo-org', repo: 'hello-world', issue_number: 2, format: 'json' },
      },
    });
    expect(JSON.parse(textOf(result))).toMatchObject({ number: 2 });
    expect(result.structuredContent).toMatchObject({ number: 2 });
  });

  it('reports upstream failures as isError results with the MCPist code', async () => {
    const client = await hub.connect();
    const result = await client.callTool({
      name: 'call',
      arguments: {
        module: 'github',
        tool: 'get_issue',
        params: { owner: 'octo-org', repo: 'hello-world', issue_number: 999 },
      },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^error\[1\]\{code,message\}:\n {2}3001,/);
    expect(result.structuredContent).toMatchObject({ error: { code: ErrorCodes.EXTERNAL_API_ERROR } });
  });

  it('answers a user without a stored credential with 1003 and how to connect', async () => {
    const bob = await hub.issueToken('bob@example.com');
    const client = await hub.connect({ token: bob.token });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'list_repos', params: {} },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: ErrorCodes.UNAUTHORIZED } });
    // Actions that work while the server runs: the secret from standard input (never argv), or the API.
    const { message } = (result.structuredContent as { error: { message: string } }).error;
    expect(message).toContain(
      `printf '%s' "$TOKEN" | npx mcpist credential set github --token - --user bob@example.com`,
    );
    expect(message).toContain('PUT /api/profile/services/github/token');
  });

  it('serves direct mode with the same allowed tools, natively named', async () => {
    const meta = await hub.connect();
    const modules = ['github', 'notion', 'jira', 'confluence', 'google-calendar'];
    const schema = (await meta.callTool({ name: 'get_module_schema', arguments: { modules } })).structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string }> }>;
    };
    const direct = await hub.connect({ mode: 'direct' });
    const { tools } = await direct.listTools();
    expect(schema.modules.map((entry) => entry.module).sort()).toEqual([...modules].sort());
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      schema.modules.flatMap((entry) => entry.tools.map((tool) => `${entry.module}_${tool.name}`)).sort(),
    );
    expect(tools.find((tool) => tool.name === 'github_list_issues')?.outputSchema).toBeDefined();
    const result = await direct.callTool({
      name: 'github_list_issues',
      arguments: { owner: 'octo-org', repo: 'hello-world' },
    });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(3);
  });

  it('refuses an unknown module, an unknown tool and bad params with JSON-RPC errors naming them', async () => {
    const client = await hub.connect();
    const module = await rpcError(client.callTool({ name: 'call', arguments: { module: 'nope', tool: 'x' } }));
    expect(module.data).toMatchObject({ code: ErrorCodes.INVALID_MODULE, module: 'nope' });
    const tool = await rpcError(client.callTool({ name: 'call', arguments: { module: 'github', tool: 'drop_table' } }));
    expect(tool.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL, tool: 'drop_table' });
    const meta = await rpcError(client.callTool({ name: 'delete_everything', arguments: {} }));
    expect(meta.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL });
    const params = await rpcError(
      client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'get_issue', params: { owner: 'o', repo: 'r', issue_number: 'two' } },
      }),
    );
    expect(params.data).toMatchObject({ code: ErrorCodes.INVALID_PARAMS, field: 'issue_number' });
    expect(params.message).toContain('issue_number');
    const schema = await rpcError(client.callTool({ name: 'get_module_schema', arguments: { modules: ['nope'] } }));
    expect(schema.data).toMatchObject({ code: ErrorCodes.INVALID_MODULE });
    const direct = await hub.connect({ mode: 'direct' });
    const unknownDirect = await rpcError(direct.callTool({ name: 'github_drop_table', arguments: {} }));
    expect(unknownDirect.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL });
  });
});

describe('HTTP authentication', () => {
  it.each([
    ['no token', undefined, false],
    ['a malformed token', 'Bearer not-a-token', true],
    ['an unknown token', `Bearer mcpist_${'A'.repeat(43)}`, true],
  ])('answers %s with 401 and WWW-Authenticate resource metadata', async (_name, authorization, invalid) => {
    const response = await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    const header = response.headers.get('www-authenticate') ?? '';
    expect(header).toMatch(
      /^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"/,
    );
    expect(header.includes('error="invalid_token"')).toBe(invalid);
    const body = (await response.json()) as { error: { message: string; data: { code: number } } };
    expect(body.error.data.code).toBe(ErrorCodes.UNAUTHORIZED);
    // Without a token: MCP clients sign in through MCPist's authorization server; people are told about API tokens.
    const hint = /sign in through MCPist by themselves.*Authorization: Bearer mcpist_\.\.\..*npx mcpist token create/;
    expect(body.error.message).toMatch(invalid ? /token/ : hint);
    expect(header).toContain('scope="mcp:full"');
  });

  it('describes itself as a protected resource (RFC 9728)', async () => {
    const response = await fetch(`${hub.url}/.well-known/oauth-protected-resource`);
    expect(await response.json()).toMatchObject({ resource: `${hub.url}/mcp`, bearer_methods_supported: ['header'] });
  });

  it('answers /health and /api/version', async () => {
    const health = (await (await fetch(`${hub.url}/health`)).json()) as {
      version: string;
      checks: { plugins: { loaded: string[] } };
    };
    expect(health).toMatchObject({ status: 'ok', version: expect.any(String) });
    expect(health.checks.plugins.loaded).toContain('github');
    const version = await (await fetch(`${hub.url}/api/version`)).json();
    expect(version).toMatchObject({
      version: health.version,
      plugin_api_version: '1.1.0',
      mcp_protocol_version: '2026-07-28',
      mcp_protocol_versions: expect.arrayContaining(['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26']),
    });
  });
});
