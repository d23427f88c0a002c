import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { rpcError } from '../test-support/rpc-error.js';
import { runMcpist } from '../test-support/run-cli.js';
import { REPO_ROOT, startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * Resources, resource templates and content blocks from plugins, against a
 * real hub with the official clients of both eras: listed only when the
 * principal's roles allow them (and paged), read through the broker's
 * credential (the fake GitHub sees the stored token), forbidden ones answered
 * exactly like unknown ones, and template arguments completed by the plugin.
 */

const README = '# Hello\n\nA repository for tests.\n';
const FILE_URI = 'github://octo-org/hello-world/README.md';
const GITHUB_TEMPLATE = 'github://{owner}/{repo}/{+path}';

let github: FakeGitHub;
let hub: TestHub;
/** GitHub enabled, get_file_contents masked. */
let masked: { token: string; userId: string };
/** Only Notion enabled. */
let notionOnly: { token: string; userId: string };
/** GitHub enabled, no credential stored. */
let unconnected: { token: string; userId: string };

async function onlyRole(user: { userId: string }, permissions: Parameters<TestHub['grant']>[1]) {
  const role = await hub.grant(user.userId, permissions);
  await hub.server.container.resolve(Tokens.RolesRepository).setUserRoles(user.userId, [role]);
}

beforeAll(async () => {
  github = await startFakeGitHub({
    files: { 'README.md': README, 'src/index.ts': 'export const answer = 42;\n', 'docs/read me.md': 'spaced\n' },
  });
  hub = await startTestHub({
    pluginSettings: { github: { baseUrl: github.url } },
    pluginPaths: [join(REPO_ROOT, 'core/test-fixtures')],
    // Small pages, so listing every resource takes several.
    listPageSize: 2,
  });
  await hub.setCredential('github', github.token);
  [masked, notionOnly, unconnected] = await Promise.all([
    hub.issueToken('mask@example.com'),
    hub.issueToken('nora@example.com'),
    hub.issueToken('una@example.com'),
  ]);
  await onlyRole(masked, { modules: ['github'], masks: { github: ['get_file_contents'] } });
  await onlyRole(notionOnly, { modules: ['notion'] });
  await onlyRole(unconnected, { modules: ['github'] });
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

/** Every page of a listing, following `nextCursor`. */
async function allPages<T>(
  list: (cursor: string | undefined) => Promise<{ nextCursor?: string | undefined; items: T[] }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

const resourcesOf = (client: Client) =>
  allPages(async (cursor) => {
    const page = await client.listResources(cursor ? { cursor } : {});
    return { items: page.resources.map((resource) => resource.uri), nextCursor: page.nextCursor };
  });

const templatesOf = (client: Client) =>
  allPages(async (cursor) => {
    const page = await client.listResourceTemplates(cursor ? { cursor } : {});
    return { items: page.resourceTemplates.map((template) => template.uriTemplate), nextCursor: page.nextCursor };
  });

describe('resources and templates', () => {
  it("lists the plugins' resources and templates, page by page, the same for both eras", async () => {
    const legacy = await hub.connect();
    const resources = await resourcesOf(legacy);
    expect(resources.items).toEqual(
      expect.arrayContaining(['google-calendar://calendars', 'test://static-text', 'test://static-binary']),
    );
    const templates = await templatesOf(legacy);
    expect(templates.pages).toBeGreaterThan(1);
    expect(templates.items).toEqual(
      expect.arrayContaining([
        'confluence://page/{page_id}',
        GITHUB_TEMPLATE,
        'jira://issue/{issue_key}',
        'notion://page/{page_id}',
        'test://template/{id}/data',
      ]),
    );
    const modern = await hub.connectModern();
    // The v2 client follows the pages itself.
    const modernTemplates = await modern.listResourceTemplates();
    expect(modernTemplates.resourceTemplates.map((template) => template.uriTemplate)).toEqual(templates.items);
    const read = await modern.readResource({ uri: 'test://template/123/data' });
    expect(read.contents[0]).toMatchObject({ uri: 'test://template/123/data', mimeType: 'application/json' });
  });

  it("reads a GitHub file through the user's stored credential", async () => {
    const client = await hub.connect();
    const before = github.requests.length;
    const result = await client.readResource({ uri: FILE_URI });
    expect(result.contents).toEqual([{ uri: FILE_URI, mimeType: 'text/markdown', text: README }]);
    const seen = github.requests.slice(before).find((request) => request.path.endsWith('/contents/README.md'));
    expect(seen?.headers.authorization).toMatch(new RegExp(`${github.token}$`));
    const nested = await client.readResource({ uri: 'github://octo-org/hello-world/src/index.ts' });
    expect(nested.contents[0]).toMatchObject({ mimeType: 'text/x-typescript', text: 'export const answer = 42;\n' });
    // Clients expand templates percent-encoded; the plugin gets the path as it is.
    const spaced = await client.readResource({ uri: 'github://octo-org/hello-world/docs/read%20me.md' });
    expect(spaced.contents[0]).toMatchObject({ text: 'spaced\n' });
  });

  it('reads fixed resources as text and as base64 blobs', async () => {
    const client = await hub.connect();
    const text = await client.readResource({ uri: 'test://static-text' });
    expect(text.contents[0]).toMatchObject({ mimeType: 'text/plain', text: expect.stringContaining('static text') });
    const binary = await client.readResource({ uri: 'test://static-binary' });
    const blob = (binary.contents[0] as { blob?: string }).blob ?? '';
    expect(Buffer.from(blob, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('hides a template whose tool a role masks, and answers reading it like reading an unknown URI', async () => {
    const client = await hub.connect({ token: masked.token });
    expect((await templatesOf(client)).items).not.toContain(GITHUB_TEMPLATE);
    const before = github.requests.length;
    const forbidden = await rpcError(client.readResource({ uri: FILE_URI }));
    const unknownScheme = await rpcError(client.readResource({ uri: 'nothing://octo-org/hello-world/README.md' }));
    expect(github.requests.length).toBe(before);
    expect(forbidden.code).toBe(unknownScheme.code);
    expect(forbidden.data).toEqual({ uri: FILE_URI });
    expect(forbidden.message.replace(FILE_URI, 'X')).toBe(
      unknownScheme.message.replace('nothing://octo-org/hello-world/README.md', 'X'),
    );
    await hub.flushAudit();
    const events = await hub.server.container
      .resolve(Tokens.Database)
      .query<{ module: string; tool: string; reason: string }>(
        "select module, tool, reason from public.audit_logs where event = 'tool_denied' and user_id = $1",
        [masked.userId],
      );
    expect(events).toEqual([{ module: 'github', tool: 'read:file', reason: 'resource not allowed' }]);
    // A file the service does not have is answered the same way too.
    const missing = await rpcError(hub.connect().then((admin) => admin.readResource({ uri: `${FILE_URI}.nope` })));
    expect(missing.code).toBe(forbidden.code);
    expect(missing.message.replace(`${FILE_URI}.nope`, 'X')).toBe(forbidden.message.replace(FILE_URI, 'X'));
  });

  it('shows nothing of a module a role does not enable', async () => {
    const client = await hub.connect({ token: notionOnly.token });
    const templates = (await templatesOf(client)).items;
    expect(templates).toEqual(['notion://page/{page_id}']);
    expect((await resourcesOf(client)).items).toEqual([]);
    const denied = await rpcError(client.readResource({ uri: 'test://static-text' }));
    expect(denied.data).toEqual({ uri: 'test://static-text' });
  });

  it('tells a user without a credential how to connect the service', async () => {
    const client = await hub.connect({ token: unconnected.token });
    const error = await rpcError(client.readResource({ uri: FILE_URI }));
    expect(error.code).toBe(-32600);
    expect((error.data as { code?: number }).code).toBe(1003);
    expect(error.message).toMatch(/github is not connected/i);
  });
});

describe('completion of template arguments', () => {
  it("suggests the account's repositories through the plugin, with the stored credential", async () => {
    const client = await hub.connect();
    const result = await client.complete({
      ref: { type: 'ref/resource', uri: GITHUB_TEMPLATE },
      argument: { name: 'repo', value: 'rep' },
      context: { arguments: { owner: 'octocat' } },
    });
    expect([...result.completion.values].sort()).toEqual(['repo-1', 'repo-2']);
    const owners = await client.complete({
      ref: { type: 'ref/resource', uri: GITHUB_TEMPLATE },
      argument: { name: 'owner', value: 'octo-' },
    });
    expect(owners.completion.values).toEqual(['octo-org']);
    const prompt = await client.complete({
      ref: { type: 'ref/prompt', name: 'github_triage_issues' },
      argument: { name: 'repo', value: 'hello' },
    });
    expect(prompt.completion.values).toEqual(['hello-world']);
  });

  it('suggests nothing for a template the principal may not see, or without a credential', async () => {
    for (const token of [masked.token, unconnected.token]) {
      const client = await hub.connect({ token });
      const result = await client.complete({
        ref: { type: 'ref/resource', uri: GITHUB_TEMPLATE },
        argument: { name: 'repo', value: '' },
      });
      expect(result.completion.values).toEqual([]);
    }
  });
});

describe('content blocks', () => {
  it('returns image, audio, embedded-resource and mixed content from tools, in direct and meta mode', async () => {
    const direct = await hub.connect({ mode: 'direct' });
    const image = await direct.callTool({ name: 'test_image_content', arguments: {} });
    expect(image.content).toEqual([{ type: 'image', data: expect.any(String), mimeType: 'image/png' }]);
    const audio = await direct.callTool({ name: 'test_audio_content', arguments: {} });
    const wav = Buffer.from((audio.content as Array<{ data: string }>)[0]?.data ?? '', 'base64');
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    const meta = await hub.connect();
    const mixed = await meta.callTool({
      name: 'call',
      arguments: { module: 'test', tool: 'multiple_content_types', params: {} },
    });
    expect((mixed.content as Array<{ type: string }>).map((block) => block.type)).toEqual([
      'text',
      'image',
      'resource',
    ]);
  });

  it('renders prompts with an image and with an embedded resource', async () => {
    const client = await hub.connect();
    const image = await client.getPrompt({ name: 'test_prompt_with_image' });
    expect(image.messages[0]?.content).toMatchObject({ type: 'image', mimeType: 'image/png' });
    const embedded = await client.getPrompt({
      name: 'test_prompt_with_embedded_resource',
      arguments: { resourceUri: 'test://example' },
    });
    expect(embedded.messages[0]?.content).toMatchObject({ type: 'resource', resource: { uri: 'test://example' } });
  });
});

describe('over stdio', () => {
  it("lists and reads a GitHub file for the stdio user, with that user's credential", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-resources-'));
    expect((await runMcpist(['--data-dir', dataDir, 'user', 'add', 'sam@example.com'])).status).toBe(0);
    const stored = await runMcpist(
      ['--data-dir', dataDir, 'credential', 'set', 'github', '--token', '-', '--user', 'sam@example.com'],
      { input: `${github.token}\n` },
    );
    expect(stored.status).toBe(0);
    const client = new ModernClient(
      { name: 'resources-stdio', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new ModernStdioTransport({
        command: process.execPath,
        args: [join(REPO_ROOT, 'core/dist/cli/main.js'), '--data-dir', dataDir, 'stdio', '--user', 'sam@example.com'],
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', MCPIST_PLUGIN_GITHUB_BASE_URL: github.url, MCPIST_LOG_LEVEL: 'warn' },
        stderr: 'pipe',
      }),
    );
    try {
      const templates = await client.listResourceTemplates();
      expect(templates.resourceTemplates.map((template) => template.uriTemplate)).toContain(GITHUB_TEMPLATE);
      const result = await client.readResource({ uri: FILE_URI });
      expect(result.contents).toEqual([{ uri: FILE_URI, mimeType: 'text/markdown', text: README }]);
    } finally {
      await client.close();
    }
  }, 120_000);
});
