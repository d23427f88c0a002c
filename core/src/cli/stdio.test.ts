import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { runMcpist } from '../test-support/run-cli.js';
import { REPO_ROOT, textOf } from '../test-support/test-hub.js';

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');

let github: FakeGitHub;
let dataDir: string;
let client: Client;
let stderr = '';

/** Runs a command line in process, with a clean MCPIST_* environment. */
const mcpist = (args: string[], input?: string) =>
  runMcpist(['--data-dir', dataDir, ...args], input === undefined ? {} : { input });

// The one test that spawns the built binary: `stdio` is a process a client starts.
beforeAll(async () => {
  github = await startFakeGitHub({ issues: 4 });
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-stdio-'));
  const { stdout } = await mcpist(['token', 'create', '--user', 'carol@example.com']);
  expect(stdout.trim()).toMatch(/^mcpist_[A-Za-z0-9_-]{43}$/);
  const stored = await mcpist(
    ['credential', 'set', 'github', '--token', '-', '--user', 'carol@example.com'],
    `${github.token}\n`,
  );
  expect(stored.status).toBe(0);

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, '--data-dir', dataDir, 'stdio', '--user', 'carol@example.com'],
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', MCPIST_PLUGIN_GITHUB_BASE_URL: github.url, MCPIST_LOG_LEVEL: 'warn' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await github?.close();
});

describe('mcpist stdio', () => {
  it('lists the three meta-tools and serves the GitHub schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['get_module_schema', 'call', 'batch']);
    const schema = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    expect(schema.structuredContent).toMatchObject({ modules: [{ module: 'github' }] });
  });

  it('runs list_issues against the upstream with the credential stored by the CLI', async () => {
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(/^items\[4\]\{id,number,title/);
    expect(github.requests.at(-1)?.headers.authorization).toContain(github.token);
  });

  it('runs a call as a task when the client asks (2025-11-25 experimental tasks)', async () => {
    const kinds: string[] = [];
    let text = '';
    for await (const message of client.experimental.tasks.callToolStream(
      {
        name: 'call',
        arguments: { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
      },
      CallToolResultSchema,
      { task: {} },
    )) {
      kinds.push(message.type);
      if (message.type === 'result') text = textOf(message.result);
    }
    expect(kinds[0]).toBe('taskCreated');
    expect(kinds.at(-1)).toBe('result');
    expect(text).toMatch(/^items\[4\]\{id,number,title/);
  });

  it('keeps stdout for the protocol and never logs the token', () => {
    expect(stderr).not.toContain(github.token);
  });

  it('refuses a second process on the same embedded data folder with a clear message', async () => {
    const refused = await mcpist(['plugins', 'list']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/in use by process \d+/);
  });
});
