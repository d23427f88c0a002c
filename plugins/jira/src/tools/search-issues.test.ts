import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('search_issues', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const search = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'search_issues', input, { baseUrl: jira.url, credential: jira.credential, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('POSTs the JQL with the record fields to the enhanced search and returns normalized records', async () => {
    jira = await startFakeJira({ issues: 4 });
    const records = await search({ jql: 'project = DEMO ORDER BY key ASC' });

    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql' });
    expect(jira.requests[0]?.body).toEqual({
      jql: 'project = DEMO ORDER BY key ASC',
      fields: ['summary', 'status', 'assignee', 'priority', 'updated'],
      maxResults: 100,
    });
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      key: 'DEMO-1',
      summary: 'Export to CSV drops the last row (DEMO-1)',
      status: 'In Progress',
      assignee: 'Alana Grant',
      priority: 'High',
      updated: '2026-01-01T12:00:00Z',
    });
    expect(records[3]).toMatchObject({ key: 'DEMO-4', assignee: null });
  });

  it('filters as the JQL says', async () => {
    jira = await startFakeJira({ issues: 9 });
    const records = await search({ jql: 'project = DEMO AND status = "To Do" AND assignee = currentUser()' });
    expect(records.map((record) => record.key)).toEqual(['DEMO-3', 'DEMO-6', 'DEMO-9']);
  });

  it('follows nextPageToken across pages: 250 issues in 3 requests', async () => {
    jira = await startFakeJira({ issues: 250 });
    const records = await search({ jql: 'project = DEMO' });

    expect(records).toHaveLength(250);
    expect(new Set(records.map((record) => record.key)).size).toBe(250);
    const bodies = jira.requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => body.maxResults)).toEqual([100, 100, 100]);
    expect(bodies[0]).not.toHaveProperty('nextPageToken');
    expect(bodies[1]?.nextPageToken).toEqual(expect.any(String));
  });

  it('stops at maxRecords, asking only for what is still needed', async () => {
    jira = await startFakeJira({ issues: 250 });
    const records = await search({ jql: 'project = DEMO' }, 120);

    expect(records).toHaveLength(120);
    expect(jira.count(JIRA_ROUTES.searchIssues)).toBe(2);
    expect(jira.requests.map((request) => (request.body as { maxResults: number }).maxResults)).toEqual([100, 20]);
  });

  it('takes a smaller limit from the caller, never a larger one than maxRecords', async () => {
    jira = await startFakeJira({ issues: 60 });
    expect(await search({ jql: 'project = DEMO', limit: 7 })).toHaveLength(7);
    expect(await search({ jql: 'project = DEMO', limit: 5000 }, 30)).toHaveLength(30);
  });

  it('returns an empty list when nothing matches', async () => {
    jira = await startFakeJira({ issues: 3 });
    expect(await search({ jql: 'project = P001' })).toEqual([]);
  });
});
