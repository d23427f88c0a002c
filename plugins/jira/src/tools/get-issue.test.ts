import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('get_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const getIssue = (issueKey: string, more: Record<string, unknown> = {}) =>
    runTool(
      plugin,
      'get_issue',
      { issue_key: issueKey, ...more },
      { baseUrl: jira.url, credential: jira.credential },
    ) as Promise<Record<string, unknown>>;

  it('reads one issue with its description as plain text', async () => {
    jira = await startFakeJira({ issues: 6 });
    const seeded = jira.seed.issues[5];
    if (seeded) {
      seeded.fields.description = {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Steps:' }] },
          {
            type: 'orderedList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Open the app' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tap Export' }] }] },
            ],
          },
        ],
      };
    }
    const record = await getIssue('DEMO-6');

    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-6' });
    expect(jira.requests[0]?.query.getAll('fields')).toEqual([
      'summary',
      'status',
      'issuetype',
      'priority',
      'assignee',
      'reporter',
      'labels',
      'created',
      'updated',
      'description',
      'issuelinks',
    ]);
    expect(record).toEqual({
      key: 'DEMO-6',
      summary: 'Login times out on the mobile app (DEMO-6)',
      status: 'To Do',
      issue_type: 'Task',
      priority: 'Low',
      assignee: 'Mia Krystof',
      assignee_account_id: jira.seed.me.accountId,
      reporter: 'Mia Krystof',
      labels: 'backend',
      created: '2026-01-01T15:00:00Z',
      updated: '2026-01-01T17:00:00Z',
      url: 'https://acme.atlassian.net/browse/DEMO-6',
      description: 'Steps:\n1. Open the app\n2. Tap Export',
      links: [],
      comments: null,
    });
  });

  it('returns the comments, oldest first, with include_comments', async () => {
    jira = await startFakeJira({ comments: 3 });
    const record = await getIssue('DEMO-1', { include_comments: true });

    expect(jira.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/issue/DEMO-1',
      'GET /rest/api/3/issue/DEMO-1/comment',
    ]);
    expect(jira.requests[1]?.query.get('orderBy')).toBe('created');
    expect(record.comments).toEqual([
      {
        id: '10001',
        author: 'Mia Krystof',
        created: '2026-01-01T19:00:00Z',
        updated: '2026-01-01T19:00:00Z',
        body: "Comment 1 on DEMO-1: looks good from Mia Krystof's side.",
      },
      expect.objectContaining({ id: '10002', author: 'Alana Grant' }),
      expect.objectContaining({ id: '10003', author: 'Ben Okafor' }),
    ]);
  });

  it('lists links from the issue’s side: the outward phrase towards outwardIssue, the inward one back', async () => {
    jira = await startFakeJira();
    await runTool(
      plugin,
      'link_issues',
      { issue_key: 'DEMO-1', relation: 'blocks', other_issue_key: 'DEMO-2' },
      { baseUrl: jira.url, credential: jira.credential },
    );
    const blocker = await getIssue('DEMO-1');
    const blocked = await getIssue('DEMO-2');

    expect(blocker.links).toEqual([
      { relation: 'blocks', key: 'DEMO-2', summary: 'Add dark mode to the settings page (DEMO-2)', status: 'Done' },
    ]);
    expect(blocked.links).toEqual([
      { relation: 'is blocked by', key: 'DEMO-1', summary: expect.stringContaining('DEMO-1'), status: 'In Progress' },
    ]);
  });

  it('reports a missing issue as not found', async () => {
    jira = await startFakeJira({ issues: 1 });
    await expect(getIssue('DEMO-999')).rejects.toBeInstanceOf(NotFoundError);
  });
});
