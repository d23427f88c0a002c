import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_comments', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const listComments = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_comments', input, {
      baseUrl: jira.url,
      credential: jira.credential,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('GETs the comments oldest first and returns their text', async () => {
    jira = await startFakeJira({ comments: 2 });
    const records = await listComments({ issue_key: 'demo-1' });

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/comment' });
    expect(Object.fromEntries(jira.requests[0]?.query ?? [])).toEqual({
      startAt: '0',
      maxResults: '100',
      orderBy: 'created',
    });
    expect(records).toEqual([
      {
        id: '10001',
        author: 'Mia Krystof',
        created: '2026-01-01T19:00:00Z',
        updated: '2026-01-01T19:00:00Z',
        body: "Comment 1 on DEMO-1: looks good from Mia Krystof's side.",
      },
      {
        id: '10002',
        author: 'Alana Grant',
        created: '2026-01-01T20:00:00Z',
        updated: '2026-01-01T20:00:00Z',
        body: "Comment 2 on DEMO-1: looks good from Alana Grant's side.",
      },
    ]);
  });

  it('asks for the newest first with order: newest', async () => {
    jira = await startFakeJira({ comments: 3 });
    const records = await listComments({ issue_key: 'DEMO-1', order: 'newest' });
    expect(jira.requests[0]?.query.get('orderBy')).toBe('-created');
    expect(records.map((record) => record.id)).toEqual(['10003', '10002', '10001']);
  });

  it('follows startAt pages up to maxRecords', async () => {
    jira = await startFakeJira({ comments: 250 });
    const records = await listComments({ issue_key: 'DEMO-1' }, 220);

    expect(records).toHaveLength(220);
    expect(jira.count(JIRA_ROUTES.listComments)).toBe(3);
    expect(jira.requests.map((request) => [request.query.get('startAt'), request.query.get('maxResults')])).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '20'],
    ]);
  });

  it('reports a missing issue as not found', async () => {
    jira = await startFakeJira();
    await expect(listComments({ issue_key: 'DEMO-99' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
