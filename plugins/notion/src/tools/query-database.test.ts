import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('query_database', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const query = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'query_database',
      { database_id: notion.seed.database.id, ...input },
      { baseUrl: notion.url, credential: notion.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('finds the database’s data source, queries it and returns rows with their property values', async () => {
    notion = await startFakeNotion({ rows: 3 });
    const records = await query({});

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/databases/${notion.seed.database.id}`,
      `POST /v1/data_sources/${notion.seed.dataSource.id}/query`,
    ]);
    expect(notion.requests[1]?.body).toEqual({ page_size: 100 });
    const row = notion.seed.pages.find((page) => page.id === records[0]?.id);
    expect(records[0]).toEqual({
      id: row?.id,
      title: 'Task 1',
      url: row?.url,
      created_time: row?.created_time,
      last_edited_time: row?.last_edited_time,
      properties:
        'Status: In progress; Tags: feature; Due: 2026-02-02; Estimate: 1; Assignee: Grace Hopper; Done: false',
    });
    expect(records).toHaveLength(3);
  });

  it('passes filter and sorts through unchanged', async () => {
    notion = await startFakeNotion({ rows: 9 });
    const filter = {
      and: [
        { property: 'Status', status: { equals: 'Done' } },
        { property: 'Estimate', number: { greater_than: 1 } },
      ],
    };
    const sorts = [{ property: 'Estimate', direction: 'descending' }];
    const records = await query({ filter, sorts });

    expect(notion.requests[1]?.body).toEqual({ filter, sorts, page_size: 100 });
    expect(records.map((record) => record.title)).toEqual(['Task 5', 'Task 2']);
  });

  it('queries a data source directly when given one, without looking up the database', async () => {
    notion = await startFakeNotion({ rows: 2 });
    await runTool(
      plugin,
      'query_database',
      { data_source_id: notion.seed.dataSource.id },
      { baseUrl: notion.url, credential: notion.token },
    );
    expect(notion.requests.map((request) => request.path)).toEqual([
      `/v1/data_sources/${notion.seed.dataSource.id}/query`,
    ]);
  });

  it('follows next_cursor across pages: 250 rows on 3 pages', async () => {
    notion = await startFakeNotion({ rows: 250 });
    const records = await query({});

    expect(records).toHaveLength(250);
    expect(new Set(records.map((record) => record.id)).size).toBe(250);
    expect(notion.count(NOTION_ROUTES.queryDataSource)).toBe(3);
  });

  it('stops at maxRecords without requesting pages it does not need', async () => {
    notion = await startFakeNotion({ rows: 250 });
    const records = await query({}, 150);

    expect(records).toHaveLength(150);
    expect(notion.count(NOTION_ROUTES.queryDataSource)).toBe(2);
    expect(notion.requests.slice(1).map((request) => (request.body as { page_size: number }).page_size)).toEqual([
      100, 50,
    ]);
  });

  it('reports a filter on an unknown property as invalid input', async () => {
    notion = await startFakeNotion();
    await expect(query({ filter: { property: 'Priority', select: { equals: 'High' } } })).rejects.toMatchObject({
      kind: 'invalid_input',
      status: 400,
    });
  });
});
