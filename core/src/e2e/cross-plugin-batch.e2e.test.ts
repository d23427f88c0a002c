import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../../plugins/confluence/test/fake-confluence.js';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  startFakeGitHub,
} from '../../../plugins/github/test/fake-github.js';
import { type FakeNotion, startFakeNotion } from '../../../plugins/notion/test/fake-notion.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * One `batch` across three plugins of one running hub: a GitHub search feeds
 * the titles of a Notion page and a Confluence page through `${…}`
 * references, each upstream being a fake on loopback with the credential the
 * broker stores for it.
 */

let github: FakeGitHub;
let notion: FakeNotion;
let confluence: FakeConfluence;
let hub: TestHub;
let client: Client;

type Status = { id: string; status: string; code: number | null; message: string | null };

/** A title with quotes and a brace, to show references are substituted as values, not spliced into JSON. */
const NEWEST_TITLE = 'Crash when saving "draft" notes {v2}';

async function batch(commands: Array<Record<string, unknown>>) {
  const result = await client.callTool({
    name: 'batch',
    arguments: { commands: commands.map((command) => JSON.stringify(command)).join('\n') },
  });
  return result.structuredContent as { status: Status[]; results: Record<string, unknown> };
}

/** Search GitHub, then create a Notion page and a Confluence page named after the first issue found. */
function pipeline(tag: string) {
  return [
    {
      id: 'issues',
      module: 'github',
      tool: 'search_issues',
      params: { q: 'repo:octo-org/hello-world is:issue is:open' },
    },
    {
      id: 'notion_page',
      module: 'notion',
      tool: 'create_page',
      params: {
        parent_page_id: notion.seed.home.id,
        title: `Triage ${tag}: \${issues.items[0].title}`,
        content: 'Open issues: ${issues.items.length}',
      },
      after: ['issues'],
      output: true,
    },
    {
      id: 'confluence_page',
      module: 'confluence',
      tool: 'create_page',
      params: { space_key: 'DEV', title: `Triage ${tag}: \${issues.items[0].title}` },
      after: ['issues'],
      output: true,
    },
  ];
}

beforeAll(async () => {
  [github, notion, confluence] = await Promise.all([
    startFakeGitHub({ issues: 4 }),
    startFakeNotion({ pages: 2 }),
    startFakeConfluence({ pages: 1 }),
  ]);
  // The newest issue comes first in GitHub's search order.
  const newest = github.seed.issues.at(-1);
  if (newest) newest.title = NEWEST_TITLE;
  hub = await startTestHub({
    pluginSettings: {
      github: { baseUrl: github.url, timeoutMs: 15_000 },
      notion: { baseUrl: notion.url },
      confluence: { baseUrl: confluence.url },
    },
  });
  await Promise.all([
    hub.setCredential('github', github.token),
    hub.setCredential('notion', notion.token),
    hub.setCredential('atlassian', confluence.token, {
      fields: { email: confluence.seed.email, site: 'acme.atlassian.net' },
    }),
  ]);
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([github?.close(), notion?.close(), confluence?.close()]);
});

beforeEach(() => {
  github.restore();
  for (const fake of [github, notion, confluence]) fake.requests.length = 0;
});

describe('a batch across GitHub, Notion and Confluence', () => {
  it('feeds the first GitHub issue’s title into a Notion page and a Confluence page', async () => {
    const result = await batch(pipeline('A'));

    expect(result.status.map(({ id, status }) => [id, status])).toEqual([
      ['issues', 'ok'],
      ['notion_page', 'ok'],
      ['confluence_page', 'ok'],
    ]);
    expect(github.requests.map((request) => request.path)).toEqual(['/search/issues']);

    const title = `Triage A: ${NEWEST_TITLE}`;
    const notionPost = notion.requests.filter((request) => request.method === 'POST');
    expect(notionPost).toHaveLength(1);
    expect(notionPost[0]?.path).toBe('/v1/pages');
    expect(notionPost[0]?.body).toMatchObject({
      parent: { type: 'page_id', page_id: notion.seed.home.id },
      properties: { title: { title: [{ type: 'text', text: { content: title } }] } },
      children: [
        { type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Open issues: 4' } }] } },
      ],
    });
    const confluencePost = confluence.requests.filter((request) => request.method === 'POST');
    expect(confluencePost).toHaveLength(1);
    expect(confluencePost[0]?.path).toBe('/wiki/api/v2/pages');
    expect(confluencePost[0]?.body).toMatchObject({ title, status: 'current' });

    // The search ran without `output: true`, so only the two pages come back.
    expect(Object.keys(result.results).sort()).toEqual(['confluence_page', 'notion_page']);
    expect(result.results.notion_page).toMatchObject({ id: notion.seed.pages.at(-1)?.id, title });
    expect(result.results.confluence_page).toMatchObject({ id: confluence.seed.pages.at(-1)?.id, title });
  });

  it.each([
    [404, 'Not Found'],
    [500, 'Server Error'],
  ])(
    'skips both pages when the GitHub search fails with %i, sending nothing to Notion or Confluence',
    async (status, message) => {
      github.route(GITHUB_ROUTES.searchIssues, () => gitHubError(status, message));
      const pagesBefore = [notion.seed.pages.length, confluence.seed.pages.length];
      const result = await batch(pipeline(`B${status}`));

      expect(result.status).toEqual([
        expect.objectContaining({ id: 'issues', status: 'failed', code: ErrorCodes.EXTERNAL_API_ERROR }),
        expect.objectContaining({ id: 'notion_page', status: 'skipped', message: 'dependency "issues" failed' }),
        expect.objectContaining({ id: 'confluence_page', status: 'skipped', message: 'dependency "issues" failed' }),
      ]);
      expect(github.count(GITHUB_ROUTES.searchIssues)).toBeGreaterThanOrEqual(1);
      expect(notion.requests).toHaveLength(0);
      expect(confluence.requests).toHaveLength(0);
      expect([notion.seed.pages.length, confluence.seed.pages.length]).toEqual(pagesBefore);
      expect(result.results).toEqual({});
    },
  );
});
