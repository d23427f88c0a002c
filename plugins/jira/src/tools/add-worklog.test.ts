import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('add_worklog', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const addWorklog = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'add_worklog',
      { issue_key: 'DEMO-2', ...input },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it('POSTs Jira’s duration, the start in Jira’s format and an ADF comment to REST v3', async () => {
    jira = await startFakeJira();
    const record = await addWorklog({
      time_spent: '1h  30m',
      started: '2026-01-05T10:00:00+01:00',
      comment: 'Paired on the fix.',
    });

    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/DEMO-2/worklog' });
    expect(jira.requests[0]?.body).toEqual({
      started: '2026-01-05T09:00:00.000+0000',
      timeSpent: '1h 30m',
      comment: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Paired on the fix.' }] }],
      },
    });
    expect(record).toEqual({
      id: jira.seed.worklogs.get('DEMO-2')?.[0]?.id,
      issue_key: 'DEMO-2',
      author: 'Mia Krystof',
      started: '2026-01-05T09:00:00Z',
      time_spent: '1h 30m',
      time_spent_seconds: 5400,
    });
  });

  it('sends an ISO 8601 duration as exact seconds', async () => {
    jira = await startFakeJira();
    await addWorklog({ time_spent: 'PT2H15M', started: '2026-01-05T10:00:00Z' });
    expect(jira.requests[0]?.body).toEqual({ started: '2026-01-05T10:00:00.000+0000', timeSpentSeconds: 8100 });
  });

  it.each(['an hour', '90', 'PT30S'])('refuses the duration %j before any request', async (timeSpent) => {
    jira = await startFakeJira();
    const error = await addWorklog({ time_spent: timeSpent }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'time_spent' });
    expect(jira.count()).toBe(0);
  });
});
