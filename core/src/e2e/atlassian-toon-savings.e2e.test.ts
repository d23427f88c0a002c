import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode as countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFLUENCE_ROUTES,
  type FakeConfluence,
  startFakeConfluence,
} from '../../../plugins/confluence/test/fake-confluence.js';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../../plugins/jira/test/fake-jira.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * TOON against the upstream's raw JSON for every list tool of the Jira and
 * Confluence plugins, on 50 records each: the tool runs through a running hub,
 * the fake upstream keeps the JSON page it answered, and both are counted with
 * the o200k tokenizer. Every tool must save at least 60%.
 */

const RECORDS = 50;
const EMAIL = 'mia@example.com';
const TOKEN = 'ATATT3xFfGF0fakeAtlassianToken0000';

let jira: FakeJira;
let confluence: FakeConfluence;
let hub: TestHub;
let client: Client;

interface Case {
  module: 'jira' | 'confluence';
  tool: string;
  params: Record<string, unknown>;
  /** The route whose answer is the raw JSON. */
  route: string;
}

const CASES: Case[] = [
  { module: 'jira', tool: 'search_issues', params: { jql: 'project = DEMO' }, route: JIRA_ROUTES.searchIssues },
  { module: 'jira', tool: 'list_projects', params: {}, route: JIRA_ROUTES.searchProjects },
  { module: 'jira', tool: 'list_comments', params: { issue_key: 'DEMO-1' }, route: JIRA_ROUTES.listComments },
  { module: 'jira', tool: 'list_transitions', params: { issue_key: 'DEMO-1' }, route: JIRA_ROUTES.getTransitions },
  { module: 'jira', tool: 'list_worklogs', params: { issue_key: 'DEMO-1' }, route: JIRA_ROUTES.listWorklogs },
  { module: 'jira', tool: 'list_watchers', params: { issue_key: 'DEMO-1' }, route: JIRA_ROUTES.listWatchers },
  { module: 'jira', tool: 'list_boards', params: {}, route: JIRA_ROUTES.listBoards },
  { module: 'jira', tool: 'get_active_sprint', params: { board_id: 1 }, route: JIRA_ROUTES.listSprints },
  { module: 'jira', tool: 'list_sprint_issues', params: { sprint_id: 2 }, route: JIRA_ROUTES.sprintIssues },
  {
    module: 'jira',
    tool: 'list_issue_types',
    params: { project_key: 'DEMO' },
    route: JIRA_ROUTES.createMetaIssueTypes,
  },
  {
    module: 'jira',
    tool: 'get_create_metadata',
    params: { project_key: 'DEMO', issue_type: '10001' },
    route: JIRA_ROUTES.createMetaFields,
  },
  { module: 'confluence', tool: 'list_spaces', params: {}, route: CONFLUENCE_ROUTES.listSpaces },
  { module: 'confluence', tool: 'search', params: { cql: 'type = page' }, route: CONFLUENCE_ROUTES.search },
  {
    module: 'confluence',
    tool: 'list_comments',
    params: { page_id: '3000001' },
    route: CONFLUENCE_ROUTES.listComments,
  },
  {
    module: 'confluence',
    tool: 'list_child_pages',
    params: { page_id: '3000001' },
    route: CONFLUENCE_ROUTES.listChildren,
  },
  { module: 'confluence', tool: 'list_labels', params: { page_id: '3000001' }, route: CONFLUENCE_ROUTES.listLabels },
  {
    module: 'confluence',
    tool: 'list_attachments',
    params: { page_id: '3000001' },
    route: CONFLUENCE_ROUTES.listAttachments,
  },
  {
    module: 'confluence',
    tool: 'list_page_versions',
    params: { page_id: '3000001' },
    route: CONFLUENCE_ROUTES.listVersions,
  },
];

/** The JSON bodies a fake answered on `route` since `from`. */
function rawAnswers(module: Case['module'], route: string, from: number): string[] {
  const answers = module === 'jira' ? jira.answers : confluence.sent;
  return answers
    .slice(from)
    .filter((answer) => answer.route === route)
    .map((answer) => answer.body);
}

beforeAll(async () => {
  [jira, confluence] = await Promise.all([
    startFakeJira({
      email: EMAIL,
      token: TOKEN,
      issues: RECORDS,
      projects: RECORDS - 1,
      comments: RECORDS,
      worklogs: RECORDS,
      watchers: RECORDS,
      transitions: RECORDS,
      issueTypes: RECORDS,
      customFields: RECORDS - 9,
      boards: RECORDS,
      activeSprints: RECORDS,
    }),
    startFakeConfluence({
      email: EMAIL,
      token: TOKEN,
      spaces: RECORDS,
      pages: RECORDS,
      comments: RECORDS,
      childPages: RECORDS,
      labels: RECORDS,
      attachments: RECORDS,
      versions: RECORDS,
    }),
  ]);
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-jira', '@mcpist/plugin-confluence'],
    pluginSettings: { jira: { baseUrl: jira.url }, confluence: { baseUrl: confluence.url } },
  });
  // One Atlassian credential serves both plugins.
  await hub.setCredential('atlassian', TOKEN, { fields: { email: EMAIL, site: 'acme.atlassian.net' } });
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([jira?.close(), confluence?.close()]);
});

describe('TOON savings against the upstream JSON, 50 records per Atlassian list tool', () => {
  it.each(CASES.map((c) => ({ ...c, name: `${c.module}.${c.tool}` })))(
    '$name saves at least 60%',
    async ({ module, tool, params, route }) => {
      const from = module === 'jira' ? jira.answers.length : confluence.sent.length;
      const result = await client.callTool({
        name: 'call',
        arguments: { module, tool, params: { ...params, limit: RECORDS } },
      });
      const toon = textOf(result);
      const raw = rawAnswers(module, route, from);

      expect(result.isError).toBeFalsy();
      expect(toon).toMatch(new RegExp(`^items\\[${RECORDS}\\]\\{`));
      expect(raw).toHaveLength(1);
      const rawTokens = countTokens(raw[0] ?? '').length;
      const toonTokens = countTokens(toon).length;
      const savings = 1 - toonTokens / rawTokens;
      console.info(
        `TOON savings ${module}.${tool}: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`,
      );
      expect(savings).toBeGreaterThanOrEqual(0.6);
    },
  );
});
