import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode as countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeJira,
  JIRA_ROUTES,
  rateLimited,
  serverError,
  startFakeJira,
} from '../../../plugins/jira/test/fake-jira.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Jira plugin end to end: a real MCPist server discovers the installed
 * plugin, the official MCP client calls it through the meta-tools, and the
 * plugin reaches a fake Jira Cloud through the core's limiter, retry and
 * deadline with the Atlassian credential stored in the broker.
 */

const ISSUES = 120;

let jira: FakeJira;
let hub: TestHub;
let client: Client;

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>>; error?: { code: number } };

/** Runs `jira.<tool>` through the `call` meta-tool. */
async function call(
  tool: string,
  params: Record<string, unknown>,
  via: Client = client,
): Promise<{ isError: boolean; structured: Structured; text: string }> {
  const result = await via.callTool({ name: 'call', arguments: { module: 'jira', tool, params } });
  return { isError: result.isError === true, structured: result.structuredContent as Structured, text: textOf(result) };
}

/** Requests to `path` since the last reset (the fake's own `count` covers its whole life). */
function sent(path: string): number {
  return jira.requests.filter((request) => request.path === path).length;
}

beforeAll(async () => {
  jira = await startFakeJira({ issues: ISSUES });
  // A deadline well under the 30 s Retry-After keeps the rate-limit case fast, and long enough for a loaded machine.
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-jira'],
    pluginSettings: { jira: { baseUrl: jira.url, timeoutMs: 15_000 } },
  });
  await hub.setCredential('atlassian', jira.token, { fields: { email: jira.email, site: jira.site } });
  // The member role masks dangerous tools; these tests list delete_issue too.
  await hub.grant(hub.userId, { modules: ['jira'] });
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await jira?.close();
});

beforeEach(() => {
  jira.requests.length = 0;
  jira.answers.length = 0;
});

describe('the jira plugin through a running hub', () => {
  it('lists its tools in get_module_schema, with readOnly and dangerous as declared', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['jira'] } });
    const schema = result.structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    expect(schema.modules[0]?.module).toBe('jira');
    const tools = schema.modules[0]?.tools ?? [];
    const flags = Object.fromEntries(tools.map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]));
    expect(flags).toMatchObject({
      search_issues: [true, false],
      get_issue: [true, false],
      list_projects: [true, false],
      create_issue: [false, false],
      update_issue: [false, false],
      transition_issue: [false, false],
      add_comment: [false, false],
      assign_issue: [false, false],
    });
    // Granted explicitly (the member role masks it): listed, and flagged dangerous.
    expect(flags.delete_issue).toEqual([false, true]);
  });

  it('runs get_issue (read) with the stored Atlassian credential', async () => {
    const result = await call('get_issue', { issue_key: 'DEMO-6' });

    expect(result.isError).toBeFalsy();
    expect(result.structured).toMatchObject({
      key: 'DEMO-6',
      status: 'To Do',
      assignee: 'Mia Krystof',
      url: 'https://acme.atlassian.net/browse/DEMO-6',
      description: 'Details of DEMO-6.',
    });
    expect(result.text).toMatch(/^key: DEMO-6\n/);
    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-6' });
    expect(jira.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${jira.email}:${jira.token}`).toString('base64')}`,
    );
  });

  it('runs create_issue (write): the fake receives the issue with an ADF description', async () => {
    const result = await call('create_issue', {
      project_key: 'DEMO',
      summary: 'Created over MCP',
      issue_type: 'Bug',
      description: 'Found by the end-to-end test.',
    });

    expect(result.isError).toBeFalsy();
    const created = jira.seed.issues.at(-1);
    expect(result.structured).toEqual({
      key: created?.key,
      id: created?.id,
      summary: 'Created over MCP',
      url: `https://acme.atlassian.net/browse/${created?.key}`,
    });
    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue' });
    expect(jira.requests[0]?.body).toEqual({
      fields: {
        project: { key: 'DEMO' },
        summary: 'Created over MCP',
        issuetype: { name: 'Bug' },
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Found by the end-to-end test.' }] }],
        },
      },
    });
  });

  it('follows search pages until every issue is returned', async () => {
    const result = await call('search_issues', { jql: 'project = DEMO' });

    expect(jira.seed.issues.length).toBeGreaterThan(100);
    expect(result.structured.items?.map((item) => item.key)).toEqual(jira.seed.issues.map((issue) => issue.key));
    const pages = jira.requests.map((request) => request.body as { maxResults: number; nextPageToken?: string });
    expect(pages).toHaveLength(2);
    expect(pages[0]?.nextPageToken).toBeUndefined();
    expect(pages[1]?.nextPageToken).toEqual(expect.any(String));
  });

  it('returns exactly the limit a caller asks for, from no more pages than needed', async () => {
    const result = await call('search_issues', { jql: 'project = DEMO', limit: 30 });
    expect(result.structured.items).toHaveLength(30);
    expect(jira.requests.map((request) => (request.body as { maxResults: number }).maxResults)).toEqual([30]);
  });

  it('answers a rejected API token with 1003 UNAUTHORIZED', async () => {
    const bob = await hub.issueToken('bob@example.com');
    await hub.setCredential('atlassian', 'ATATT-revoked', {
      userId: bob.userId,
      fields: { email: 'bob@example.com', site: jira.site },
    });
    const result = await call('get_issue', { issue_key: 'DEMO-1' }, await hub.connect({ token: bob.token }));

    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.UNAUTHORIZED);
    expect(jira.requests.at(-1)?.path).toBe('/rest/api/3/issue/DEMO-1');
    expect(result.text).not.toContain('ATATT-revoked');
  });

  it('answers a missing issue (404) with 3001 EXTERNAL_API_ERROR', async () => {
    const result = await call('get_issue', { issue_key: 'DEMO-9999' });
    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(result.text).toContain('Issue does not exist');
  });

  it('answers 429 with a Retry-After longer than the deadline with 3003 RATE_LIMITED at once', async () => {
    jira.route(JIRA_ROUTES.searchIssues, () => rateLimited(30));
    try {
      const result = await call('search_issues', { jql: 'project = DEMO' });

      expect(result.isError).toBe(true);
      expect(result.structured.error?.code).toBe(ErrorCodes.RATE_LIMITED);
      expect(sent('/rest/api/3/search/jql')).toBe(1);
    } finally {
      jira.restore(JIRA_ROUTES.searchIssues);
    }
  });

  it('waits out a short Retry-After and succeeds', async () => {
    jira.route(JIRA_ROUTES.searchIssues, () => {
      jira.restore(JIRA_ROUTES.searchIssues);
      return rateLimited(1);
    });
    const result = await call('search_issues', { jql: 'project = DEMO', limit: 5 });

    expect(result.isError).toBeFalsy();
    expect(result.structured.items).toHaveLength(5);
    expect(sent('/rest/api/3/search/jql')).toBe(2);
  });

  it('answers a persistent 500 with 3001 after retrying the read', async () => {
    jira.route(JIRA_ROUTES.getIssue, () => serverError());
    try {
      const result = await call('get_issue', { issue_key: 'DEMO-1' });

      expect(result.isError).toBe(true);
      expect(result.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      // Retried about 1 s apart within the 3 s deadline: three attempts, or two on a slow machine.
      expect(sent('/rest/api/3/issue/DEMO-1')).toBeGreaterThanOrEqual(2);
    } finally {
      jira.restore(JIRA_ROUTES.getIssue);
    }
  });

  it('renders 50 issues as TOON with at least 40% fewer tokens than Jira’s JSON', async () => {
    const result = await call('search_issues', { jql: 'project = DEMO', limit: 50 });
    const [answer, ...more] = jira.answers.filter((sent) => sent.route === JIRA_ROUTES.searchIssues);
    const raw = answer?.body ?? '';

    expect(more).toHaveLength(0);
    expect((JSON.parse(raw) as { issues: unknown[] }).issues).toHaveLength(50);
    expect(result.text).toMatch(/^items\[50\]\{key,summary,status,assignee,priority,updated\}:/);
    const toon = countTokens(result.text).length;
    const json = countTokens(raw).length;
    const savings = 1 - toon / json;
    console.info(`TOON savings jira: ${Math.round(savings * 100)}% (${json} → ${toon} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(0.4);
  });
});

describe('the jira plugin under a server record limit', () => {
  let limited: TestHub;
  beforeAll(async () => {
    limited = await startTestHub({
      plugins: ['@mcpist/plugin-jira'],
      runner: { maxRecords: 25 },
      pluginSettings: { jira: { baseUrl: jira.url } },
    });
    await limited.setCredential('atlassian', jira.token, { fields: { email: jira.email, site: jira.site } });
  });
  afterAll(() => limited?.close());

  it('returns exactly maxRecords issues and requests no page past them', async () => {
    const result = await call('search_issues', { jql: 'project = DEMO' }, await limited.connect());
    expect(result.structured.items).toHaveLength(25);
    expect(jira.requests.map((request) => (request.body as { maxResults: number }).maxResults)).toEqual([25]);
  });
});

describe('a Jira issue as a resource', () => {
  it('reads jira://issue/{key} as Markdown and completes keys from the projects, with the Atlassian credential', async () => {
    const issue = jira.seed.issues[0];
    const uri = `jira://issue/${issue?.key}`;
    const result = await client.readResource({ uri });
    const contents = result.contents[0] as { uri: string; text: string };
    expect(contents.text.split('\n')[0]).toBe(`# ${issue?.key}: ${issue?.fields.summary}`);
    const completion = await client.complete({
      ref: { type: 'ref/resource', uri: 'jira://issue/{issue_key}' },
      argument: { name: 'issue_key', value: 'de' },
    });
    expect(completion.completion.values).toEqual(['DEMO-']);
  });
});
