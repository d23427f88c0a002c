import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('get_database', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  it('reads the database, then the schema from its first data source', async () => {
    notion = await startFakeNotion();
    const record = await runTool(
      plugin,
      'get_database',
      { database_id: notion.seed.database.id },
      { baseUrl: notion.url, credential: notion.token },
    );

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/databases/${notion.seed.database.id}`,
      `GET /v1/data_sources/${notion.seed.dataSource.id}`,
    ]);
    expect(record).toEqual({
      id: notion.seed.database.id,
      title: 'Tasks',
      url: notion.seed.database.url,
      description: 'Everything the team is working on.',
      data_sources: `${notion.seed.dataSource.id} (Tasks)`,
      properties:
        'Name (title); Status (status: Not started|In progress|Done); Tags (multi_select: bug|feature|docs); Due (date); Estimate (number); Assignee (people); Done (checkbox)',
    });
  });

  it('answers an unknown database as not found', async () => {
    notion = await startFakeNotion();
    const error = await runTool(
      plugin,
      'get_database',
      { database_id: '3c4d5e6f-0000-4000-8000-0000000000ff' },
      { baseUrl: notion.url, credential: notion.token },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
  });
});
