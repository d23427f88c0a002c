import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../../plugins/confluence/test/fake-confluence.js';
import { type FakeJira, startFakeJira } from '../../../plugins/jira/test/fake-jira.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * One `batch` across Jira and Confluence with the one Atlassian credential
 * both plugins share: read an issue and its comments, then write a
 * Confluence page summarising them through `${…}` references.
 */

const EMAIL = 'mia@example.com';
const TOKEN = 'ATATT3xFfGF0fakeAtlassianToken0000';

let jira: FakeJira;
let confluence: FakeConfluence;
let hub: TestHub;
let client: Client;

type Status = { id: string; status: string; code: number | null; message: string | null };

async function batch(commands: Array<Record<string, unknown>>) {
  const result = await client.callTool({
    name: 'batch',
    arguments: { commands: commands.map((command) => JSON.stringify(command)).join('\n') },
  });
  return result.structuredContent as { status: Status[]; results: Record<string, unknown> };
}

beforeAll(async () => {
  [jira, confluence] = await Promise.all([
    startFakeJira({ email: EMAIL, token: TOKEN, issues: 3, comments: 3 }),
    startFakeConfluence({ email: EMAIL, token: TOKEN, pages: 1 }),
  ]);
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-jira', '@mcpist/plugin-confluence'],
    pluginSettings: { jira: { baseUrl: jira.url }, confluence: { baseUrl: confluence.url } },
  });
  await hub.setCredential('atlassian', TOKEN, { fields: { email: EMAIL, site: 'acme.atlassian.net' } });
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([jira?.close(), confluence?.close()]);
});

describe('a batch across Jira and Confluence', () => {
  it('reads an issue’s comments and writes a Confluence page summarising them', async () => {
    const body = [
      '## Discussion on ${issue.key}',
      '',
      '${issue.summary} (status: ${issue.status})',
      '',
      '${comments.items.length} comments:',
      '',
      '- **${comments.items[0].author}**: ${comments.items[0].body}',
      '- **${comments.items[1].author}**: ${comments.items[1].body}',
      '- **${comments.items[2].author}**: ${comments.items[2].body}',
    ].join('\n');
    const result = await batch([
      { id: 'issue', module: 'jira', tool: 'get_issue', params: { issue_key: 'DEMO-1' } },
      { id: 'comments', module: 'jira', tool: 'list_comments', params: { issue_key: 'DEMO-1' } },
      {
        id: 'page',
        module: 'confluence',
        tool: 'create_page',
        params: { space_key: 'DEV', title: 'DEMO-1 discussion: ${issue.summary}', body },
        after: ['issue', 'comments'],
        output: true,
      },
    ]);

    expect(result.status.map(({ id, status }) => [id, status])).toEqual([
      ['issue', 'ok'],
      ['comments', 'ok'],
      ['page', 'ok'],
    ]);
    expect(jira.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /rest/api/3/issue/DEMO-1',
      'GET /rest/api/3/issue/DEMO-1/comment',
    ]);
    const posts = confluence.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe('/wiki/api/v2/pages');
    const summary = jira.seed.issues[0]?.fields.summary;
    expect(posts[0]?.body).toMatchObject({
      spaceId: '98304',
      title: `DEMO-1 discussion: ${summary}`,
      body: {
        representation: 'storage',
        value:
          `<h2>Discussion on DEMO-1</h2><p>${summary} (status: In Progress)</p><p>3 comments:</p><ul>` +
          "<li><strong>Mia Krystof</strong>: Comment 1 on DEMO-1: looks good from Mia Krystof's side.</li>" +
          "<li><strong>Alana Grant</strong>: Comment 2 on DEMO-1: looks good from Alana Grant's side.</li>" +
          "<li><strong>Ben Okafor</strong>: Comment 3 on DEMO-1: looks good from Ben Okafor's side.</li></ul>",
      },
    });
    expect(Object.keys(result.results)).toEqual(['page']);
    expect(result.results.page).toMatchObject({
      id: confluence.seed.pages.at(-1)?.id,
      title: `DEMO-1 discussion: ${summary}`,
    });
  });
});
