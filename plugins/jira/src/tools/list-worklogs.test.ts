import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_worklogs', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const listWorklogs = (input: Record<string, unknown>) =>
    runTool(plugin, 'list_worklogs', input, { baseUrl: jira.url, credential: jira.credential }) as Promise<
      Record<string, unknown>[]
    >;

  it('lists the time logged as records', async () => {
    jira = await startFakeJira({ worklogs: 2 });
    const records = await listWorklogs({ issue_key: 'DEMO-1' });

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/worklog' });
    expect(records).toEqual([
      {
        id: '20001',
        author: 'Mia Krystof',
        started: '2026-01-01T09:00:00Z',
        time_spent: '30m',
        time_spent_seconds: 1800,
        comment: 'Worked on DEMO-1, part 1.',
      },
      {
        id: '20002',
        author: 'Alana Grant',
        started: '2026-01-02T09:00:00Z',
        time_spent: '1h',
        time_spent_seconds: 3600,
        comment: 'Worked on DEMO-1, part 2.',
      },
    ]);
  });

  it('sends started_after as Jira’s epoch milliseconds', async () => {
    jira = await startFakeJira({ worklogs: 5 });
    const records = await listWorklogs({ issue_key: 'DEMO-1', started_after: '2026-01-03T09:00:00+00:00' });
    expect(jira.requests[0]?.query.get('startedAfter')).toBe(String(Date.parse('2026-01-03T09:00:00Z')));
    expect(records.map((record) => record.id)).toEqual(['20003', '20004', '20005']);
  });

  it('refuses a started_after that is not RFC 3339, before any request', async () => {
    jira = await startFakeJira();
    await expect(listWorklogs({ issue_key: 'DEMO-1', started_after: 'yesterday' })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
    expect(jira.count()).toBe(0);
  });
});
