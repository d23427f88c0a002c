import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../../plugins/jira/test/fake-jira.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Jira tools of issue 17 through a running hub, as a user with the default
 * member role: each call reaches the fake Jira through the core, and each test
 * checks the request Jira received (method, path, body) and the shaped result.
 */

let jira: FakeJira;
let hub: TestHub;
let client: Client;

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>>; error?: { code: number } };

async function call(tool: string, params: Record<string, unknown>) {
  const result = await client.callTool({ name: 'call', arguments: { module: 'jira', tool, params } });
  return { isError: result.isError === true, structured: result.structuredContent as Structured, text: textOf(result) };
}

/** `METHOD path` of each request since the test began. */
const sent = () => jira.requests.map((request) => `${request.method} ${request.path}`);

beforeAll(async () => {
  jira = await startFakeJira({ issues: 6, comments: 3, worklogs: 2, watchers: 2, boards: 3 });
  hub = await startTestHub({ plugins: ['@mcpist/plugin-jira'], pluginSettings: { jira: { baseUrl: jira.url } } });
  await hub.setCredential('atlassian', jira.token, { fields: { email: jira.email, site: jira.site } });
  // No grant: the default member role, which masks dangerous tools.
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await jira?.close();
});

beforeEach(() => {
  jira.requests.length = 0;
});

describe('the Jira depth tools through a running hub, as a member', () => {
  it('lists every new tool with readOnly and dangerous as declared, and masks delete_issue', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['jira'] } });
    const tools = (result.structuredContent as { modules: Array<{ tools: Array<Record<string, unknown>> }> }).modules[0]
      ?.tools;
    const flags = Object.fromEntries((tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]));
    expect(flags).toMatchObject({
      list_comments: [true, false],
      list_transitions: [true, false],
      list_worklogs: [true, false],
      add_worklog: [false, false],
      link_issues: [false, false],
      list_watchers: [true, false],
      add_watcher: [false, false],
      list_boards: [true, false],
      get_active_sprint: [true, false],
      list_sprint_issues: [true, false],
      list_issue_types: [true, false],
      get_create_metadata: [true, false],
    });
    expect(flags).not.toHaveProperty('delete_issue');
  });

  it('refuses the dangerous delete_issue for a member as an unknown tool, sending nothing to Jira', async () => {
    await expect(
      client.callTool({
        name: 'call',
        arguments: { module: 'jira', tool: 'delete_issue', params: { issue_key: 'DEMO-6' } },
      }),
    ).rejects.toThrow(/unknown tool "delete_issue"/);
    expect(jira.requests).toHaveLength(0);
    expect(jira.seed.issues.some((issue) => issue.key === 'DEMO-6')).toBe(true);
  });

  it('list_comments: GET …/comment ordered by created, comments as text', async () => {
    const result = await call('list_comments', { issue_key: 'DEMO-1' });
    expect(sent()).toEqual(['GET /rest/api/3/issue/DEMO-1/comment']);
    expect(jira.requests[0]?.query.get('orderBy')).toBe('created');
    expect(result.text).toMatch(/^items\[3\]\{id,author,created,updated,body\}:/);
    expect(result.structured.items?.[1]).toEqual({
      id: '10002',
      author: 'Alana Grant',
      created: '2026-01-01T20:00:00Z',
      updated: '2026-01-01T20:00:00Z',
      body: "Comment 2 on DEMO-1: looks good from Alana Grant's side.",
    });
  });

  it('get_issue with include_comments reads the issue, then its comments', async () => {
    const result = await call('get_issue', { issue_key: 'DEMO-1', include_comments: true });
    expect(sent()).toEqual(['GET /rest/api/3/issue/DEMO-1', 'GET /rest/api/3/issue/DEMO-1/comment']);
    expect(result.structured).toMatchObject({ key: 'DEMO-1', links: [] });
    expect((result.structured.comments as unknown[]).length).toBe(3);
  });

  it('list_transitions: GET …/transitions, each with its target status', async () => {
    const result = await call('list_transitions', { issue_key: 'DEMO-2' });
    expect(sent()).toEqual(['GET /rest/api/3/issue/DEMO-2/transitions']);
    expect(result.structured.items).toContainEqual({
      id: '21',
      name: 'Start progress',
      to_status: 'In Progress',
      to_category: 'In Progress',
    });
  });

  it('add_worklog (write, allowed): POST …/worklog with Jira’s duration and time format', async () => {
    const result = await call('add_worklog', {
      issue_key: 'DEMO-3',
      time_spent: '2h',
      started: '2026-01-07T08:15:00Z',
      comment: 'Reviewed the fix.',
    });
    expect(result.isError).toBe(false);
    expect(sent()).toEqual(['POST /rest/api/3/issue/DEMO-3/worklog']);
    expect(jira.requests[0]?.body).toEqual({
      started: '2026-01-07T08:15:00.000+0000',
      timeSpent: '2h',
      comment: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reviewed the fix.' }] }],
      },
    });
    expect(result.structured).toEqual({
      id: jira.seed.worklogs.get('DEMO-3')?.[0]?.id,
      issue_key: 'DEMO-3',
      author: 'Mia Krystof',
      started: '2026-01-07T08:15:00Z',
      time_spent: '2h',
      time_spent_seconds: 7200,
    });
  });

  it('list_worklogs: GET …/worklog, worklogs as records', async () => {
    const result = await call('list_worklogs', { issue_key: 'DEMO-1' });
    expect(sent()).toEqual(['GET /rest/api/3/issue/DEMO-1/worklog']);
    expect(result.structured.items?.[0]).toEqual({
      id: '20001',
      author: 'Mia Krystof',
      started: '2026-01-01T09:00:00Z',
      time_spent: '30m',
      time_spent_seconds: 1800,
      comment: 'Worked on DEMO-1, part 1.',
    });
  });

  it('link_issues: reads the link types, POSTs /issueLink, and get_issue shows the link', async () => {
    const result = await call('link_issues', {
      issue_key: 'DEMO-4',
      relation: 'is blocked by',
      other_issue_key: 'DEMO-5',
    });
    expect(sent()).toEqual(['GET /rest/api/3/issueLinkType', 'POST /rest/api/3/issueLink']);
    expect(jira.requests[1]?.body).toEqual({
      type: { name: 'Blocks' },
      inwardIssue: { key: 'DEMO-5' },
      outwardIssue: { key: 'DEMO-4' },
    });
    expect(result.structured).toEqual({
      issue_key: 'DEMO-4',
      relation: 'is blocked by',
      other_issue_key: 'DEMO-5',
      link_type: 'Blocks',
    });
    const issue = await call('get_issue', { issue_key: 'DEMO-4' });
    expect(issue.structured.links).toEqual([
      { relation: 'is blocked by', key: 'DEMO-5', summary: expect.stringContaining('DEMO-5'), status: 'Done' },
    ]);
  });

  it('list_watchers and add_watcher: GET and POST …/watchers', async () => {
    const ben = jira.seed.users[2];
    const added = await call('add_watcher', { issue_key: 'DEMO-1', account_id: ben?.accountId });
    expect(sent()).toEqual(['POST /rest/api/3/issue/DEMO-1/watchers']);
    expect(jira.requests[0]?.body).toBe(ben?.accountId);
    expect(added.structured).toEqual({ issue_key: 'DEMO-1', account_id: ben?.accountId, name: null, watching: true });

    const listed = await call('list_watchers', { issue_key: 'DEMO-1' });
    expect(jira.requests.at(-1)).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/watchers' });
    expect(listed.structured.items?.map((item) => item.name)).toEqual(['Mia Krystof', 'Alana Grant', 'Ben Okafor']);
  });

  it('list_boards, get_active_sprint, list_sprint_issues: the Jira Software resources', async () => {
    const boards = await call('list_boards', { project_key: 'DEMO', type: 'scrum' });
    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/agile/1.0/board' });
    expect(boards.structured.items).toEqual([
      { id: 1, name: 'DEMO board', type: 'scrum', project_key: 'DEMO' },
      { id: 3, name: 'Team board 3', type: 'scrum', project_key: 'DEMO' },
    ]);

    const sprint = await call('get_active_sprint', { board_id: 1 });
    expect(jira.requests[1]).toMatchObject({ method: 'GET', path: '/rest/agile/1.0/board/1/sprint' });
    expect(jira.requests[1]?.query.get('state')).toBe('active');
    expect(sprint.structured.items).toEqual([
      {
        id: 2,
        name: 'DEMO Sprint 2',
        start: '2026-01-19T09:00:00Z',
        end: '2026-02-02T09:00:00Z',
        goal: 'Ship sprint 2',
      },
    ]);

    const issues = await call('list_sprint_issues', { sprint_id: 2, jql: 'status != Done' });
    expect(jira.requests[2]).toMatchObject({ method: 'GET', path: '/rest/software/1.0/sprint/2/issue' });
    expect(jira.requests[2]?.query.get('jql')).toBe('status != Done');
    expect(issues.structured.items?.map((item) => item.key)).toEqual(['DEMO-1', 'DEMO-3', 'DEMO-4', 'DEMO-6']);
  });

  it('list_issue_types and get_create_metadata: the create metadata of a project', async () => {
    const types = await call('list_issue_types', { project_key: 'DEMO' });
    expect(sent()).toEqual(['GET /rest/api/3/issue/createmeta/DEMO/issuetypes']);
    expect(types.structured.items?.map((item) => item.name)).toEqual(['Task', 'Bug', 'Story', 'Epic']);

    jira.requests.length = 0;
    const fields = await call('get_create_metadata', { project_key: 'DEMO', issue_type: 'Story' });
    expect(sent()).toEqual([
      'GET /rest/api/3/issue/createmeta/DEMO/issuetypes',
      'GET /rest/api/3/issue/createmeta/DEMO/issuetypes/10003',
    ]);
    const required = fields.structured.items?.filter((item) => item.required).map((item) => item.field_id);
    expect(required).toEqual(['summary', 'issuetype', 'project', 'reporter', 'customfield_10011']);
    expect(jira.count(JIRA_ROUTES.createIssue)).toBe(0);
  });
});
