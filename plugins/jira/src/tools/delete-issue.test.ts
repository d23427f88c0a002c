import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('delete_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const deleteIssue = (input: Record<string, unknown>) =>
    runTool(plugin, 'delete_issue', input, { baseUrl: jira.url, credential: jira.credential });

  it('DELETEs the issue, keeping subtasks unless asked', async () => {
    jira = await startFakeJira({ issues: 3 });
    const record = await deleteIssue({ issue_key: 'DEMO-2' });

    expect(jira.requests[0]).toMatchObject({ method: 'DELETE', path: '/rest/api/3/issue/DEMO-2' });
    expect(jira.requests[0]?.query.get('deleteSubtasks')).toBe('false');
    expect(record).toEqual({ key: 'DEMO-2', deleted: true });
    expect(jira.seed.issues.map((issue) => issue.key)).toEqual(['DEMO-1', 'DEMO-3']);
  });

  it('asks Jira to delete subtasks too when told', async () => {
    jira = await startFakeJira();
    await deleteIssue({ issue_key: 'DEMO-1', delete_subtasks: true });
    expect(jira.requests[0]?.query.get('deleteSubtasks')).toBe('true');
  });

  it('reports a missing issue as not found', async () => {
    jira = await startFakeJira();
    await expect(deleteIssue({ issue_key: 'DEMO-42' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
