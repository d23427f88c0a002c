import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { closeGitHubHub, startGitHubHub } from '../test-support/github-hub.js';
import { runMcpist } from '../test-support/run-cli.js';
import { REPO_ROOT, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * One endpoint, both protocol eras: an SDK v2 client speaking 2026-07-28
 * (no initialize, version and capabilities in every request's `_meta`) and
 * an SDK v1 client speaking 2025-11-25 list and call tools on the same
 * server, in meta and direct mode, over Streamable HTTP and over stdio.
 */

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
const LIST_ISSUES = { owner: 'octo-org', repo: 'hello-world' };

interface AnyClient {
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
}

/** Lists and calls as a client in `mode` would: meta-tools, or `github_list_issues` natively. */
async function listAndCall(client: AnyClient, mode: 'meta' | 'direct'): Promise<{ names: string[]; text: string }> {
  const { tools } = await client.listTools();
  const result =
    mode === 'meta'
      ? await client.callTool({
          name: 'call',
          arguments: { module: 'github', tool: 'list_issues', params: LIST_ISSUES },
        })
      : await client.callTool({ name: 'github_list_issues', arguments: LIST_ISSUES });
  expect((result as { isError?: boolean }).isError).toBeFalsy();
  return { names: tools.map((tool) => tool.name), text: textOf(result) };
}

let github: FakeGitHub;
let hub: TestHub;

beforeAll(async () => {
  ({ github, hub } = await startGitHubHub());
});

afterAll(() => closeGitHubHub({ github, hub }));

describe('both protocol eras on one endpoint', () => {
  it('serves a 2026-07-28 client and a 2025-11-25 client side by side over HTTP, in meta and direct mode', async () => {
    for (const mode of ['meta', 'direct'] as const) {
      const modern = await hub.connectModern({ mode });
      const legacy = await hub.connect({ mode });
      expect(modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      // The v1 client's transport carries the version negotiated at initialize.
      expect((legacy.transport as { protocolVersion?: string } | undefined)?.protocolVersion).toBe('2025-11-25');

      const [fromModern, fromLegacy] = await Promise.all([listAndCall(modern, mode), listAndCall(legacy, mode)]);
      expect(fromModern.names).toEqual(fromLegacy.names);
      expect(fromModern.text).toEqual(fromLegacy.text);
      expect(fromModern.text).toMatch(/^items\[3\]\{id,number,title/);
      if (mode === 'meta') expect(fromModern.names).toEqual(['get_module_schema', 'call', 'batch']);
      else expect(fromModern.names).toContain('github_list_issues');
    }
  });

  it('marks 2026-07-28 lists as private to the requesting client, and leaves 2025 lists as they were', async () => {
    const post = (body: object, headers: Record<string, string>) =>
      fetch(new URL('/mcp', hub.url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hub.token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body: JSON.stringify(body),
      })
        .then((response) => response.text())
        .then((text) => {
          // A JSON body, or one SSE event carrying it.
          const data = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '');
          return JSON.parse(data) as { result?: Record<string, unknown> };
        });
    const modern = await post(
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    );
    expect(modern.result).toMatchObject({ cacheScope: 'private' });
    expect(modern.result?.ttlMs).toEqual(expect.any(Number));
    const legacy = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }, {});
    expect(legacy.result?.tools).toBeDefined();
    expect(legacy.result).not.toHaveProperty('cacheScope');
  });

  it('serves both eras over stdio, in meta and direct mode', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-eras-'));
    expect((await runMcpist(['--data-dir', dataDir, 'user', 'add', 'erin@example.com'])).status).toBe(0);
    const stored = await runMcpist(
      ['--data-dir', dataDir, 'credential', 'set', 'github', '--token', '-', '--user', 'erin@example.com'],
      { input: `${github.token}\n` },
    );
    expect(stored.status).toBe(0);
    const parameters = (mode: 'meta' | 'direct') => ({
      command: process.execPath,
      args: [CLI, '--data-dir', dataDir, 'stdio', '--user', 'erin@example.com', '--tool-mode', mode],
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', MCPIST_PLUGIN_GITHUB_BASE_URL: github.url, MCPIST_LOG_LEVEL: 'warn' },
      stderr: 'pipe' as const,
    });
    for (const mode of ['meta', 'direct'] as const) {
      // One process per connection, and an embedded data folder admits one process: the two clients take turns.
      const modern = new ModernClient(
        { name: 'eras-2026', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await modern.connect(new ModernStdioTransport(parameters(mode)));
      expect(modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const fromModern = await listAndCall(modern, mode);
      await modern.close();

      const legacy = new Client({ name: 'eras-2025', version: '1.0.0' });
      await legacy.connect(new StdioClientTransport(parameters(mode)));
      const fromLegacy = await listAndCall(legacy, mode);
      await legacy.close();

      expect(fromModern).toEqual(fromLegacy);
      expect(fromModern.text).toMatch(/^items\[3\]\{id,number,title/);
    }
    // Four processes, each loading the plugins and the embedded store: minutes on a busy machine.
  }, 300_000);
});
