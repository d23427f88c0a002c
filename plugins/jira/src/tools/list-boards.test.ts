import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_boards', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const listBoards = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_boards', input, { baseUrl: jira.url, credential: jira.credential, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('GETs the agile board list and returns id, name, type, project_key', async () => {
    jira = await startFakeJira({ boards: 2 });
    const records = await listBoards({});

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/agile/1.0/board' });
    expect(Object.fromEntries(jira.requests[0]?.query ?? [])).toEqual({ startAt: '0', maxResults: '100' });
    expect(records).toEqual([
      { id: 1, name: 'DEMO board', type: 'scrum', project_key: 'DEMO' },
      { id: 2, name: 'P001 kanban', type: 'kanban', project_key: 'P001' },
    ]);
  });

  it('passes the filters through', async () => {
    jira = await startFakeJira({ boards: 5 });
    const records = await listBoards({ project_key: 'demo', type: 'scrum', name: 'team' });
    expect(Object.fromEntries(jira.requests[0]?.query ?? [])).toMatchObject({
      projectKeyOrId: 'DEMO',
      type: 'scrum',
      name: 'team',
    });
    expect(records.map((record) => record.id)).toEqual([3, 4, 5]);
  });

  it('follows startAt across Jira’s 50-board pages, up to maxRecords', async () => {
    jira = await startFakeJira({ boards: 130 });
    expect(await listBoards({})).toHaveLength(130);
    expect(jira.requests.map((request) => request.query.get('startAt'))).toEqual(['0', '50', '100']);
    jira.requests.length = 0;
    expect(await listBoards({}, 60)).toHaveLength(60);
    expect(jira.count(JIRA_ROUTES.listBoards)).toBe(5);
  });
});
