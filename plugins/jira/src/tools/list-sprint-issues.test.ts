import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_sprint_issues', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const sprintIssues = (input: Record<string, unknown>) =>
    runTool(plugin, 'list_sprint_issues', input, { baseUrl: jira.url, credential: jira.credential }) as Promise<
      Record<string, unknown>[]
    >;

  it('GETs the sprint’s issues with only the record fields, as issue records', async () => {
    jira = await startFakeJira({ issues: 3 });
    const records = await sprintIssues({ sprint_id: 2 });

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/software/1.0/sprint/2/issue' });
    expect(jira.requests[0]?.query.getAll('fields')).toEqual(['summary', 'status', 'assignee', 'priority', 'updated']);
    expect(records[0]).toEqual({
      key: 'DEMO-1',
      summary: 'Export to CSV drops the last row (DEMO-1)',
      status: 'In Progress',
      assignee: 'Alana Grant',
      priority: 'High',
      updated: '2026-01-01T12:00:00Z',
    });
    expect(records.map((record) => record.key)).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3']);
  });

  it('follows nextPageToken and passes the JQL filter', async () => {
    jira = await startFakeJira({ issues: 120 });
    expect(await sprintIssues({ sprint_id: 2 })).toHaveLength(120);
    expect(jira.count(JIRA_ROUTES.sprintIssues)).toBe(3);
    expect(jira.requests[1]?.query.get('nextPageToken')).toEqual(expect.any(String));

    jira.requests.length = 0;
    const todo = await sprintIssues({ sprint_id: 2, jql: 'status = "To Do"' });
    expect(jira.requests[0]?.query.get('jql')).toBe('status = "To Do"');
    expect(todo.every((record) => record.status === 'To Do')).toBe(true);
  });
});
