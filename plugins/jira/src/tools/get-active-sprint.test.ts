import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('get_active_sprint', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const activeSprint = (boardId: number) =>
    runTool(plugin, 'get_active_sprint', { board_id: boardId }, { baseUrl: jira.url, credential: jira.credential });

  it('asks the board for its active sprints and returns them', async () => {
    jira = await startFakeJira();
    const records = await activeSprint(1);

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/agile/1.0/board/1/sprint' });
    expect(jira.requests[0]?.query.get('state')).toBe('active');
    expect(records).toEqual([
      {
        id: 2,
        name: 'DEMO Sprint 2',
        start: '2026-01-19T09:00:00Z',
        end: '2026-02-02T09:00:00Z',
        goal: 'Ship sprint 2',
      },
    ]);
  });

  it('returns each of parallel active sprints', async () => {
    jira = await startFakeJira({ activeSprints: 3 });
    const records = (await activeSprint(1)) as Array<{ id: number }>;
    expect(records.map((record) => record.id)).toEqual([2, 3, 4]);
  });

  it('passes on Jira’s refusal for a kanban board and a missing board', async () => {
    jira = await startFakeJira();
    const kanban = await activeSprint(2).catch((caught: unknown) => caught);
    expect(kanban).toBeInstanceOf(InvalidInputError);
    expect((kanban as Error).message).toBe('Jira: The board does not support sprints');
    await expect(activeSprint(99)).rejects.toBeInstanceOf(NotFoundError);
  });
});
