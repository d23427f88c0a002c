import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('get_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const getIssue = (issueKey: string) =>
    runTool(plugin, 'get_issue', { issue_key: issueKey }, { baseUrl: jira.url, credential: jira.credential });

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
    });
  });

  it('reports a missing issue as not found', async () => {
    jira = await startFakeJira({ issues: 1 });
    await expect(getIssue('DEMO-999')).rejects.toBeInstanceOf(NotFoundError);
  });
});
