import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('search', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const search = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'search', input, { baseUrl: notion.url, credential: notion.token, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('POSTs the query and returns pages and databases as flat records', async () => {
    notion = await startFakeNotion({ pages: 2, rows: 1 });
    const records = await search({ query: 'Team' });

    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/search' });
    expect(notion.requests[0]?.body).toEqual({ query: 'Team', page_size: 100 });
    expect(records).toEqual([
      {
        id: notion.seed.home.id,
        object: 'page',
        title: 'Team Home',
        url: notion.seed.home.url,
        created_time: notion.seed.home.created_time,
        last_edited_time: notion.seed.home.last_edited_time,
      },
    ]);
  });

  it('reports a data source hit as its database, so get_database and query_database take the id', async () => {
    notion = await startFakeNotion();
    const records = await search({ query: 'tasks', type: 'database' });

    expect(notion.requests[0]?.body).toMatchObject({ filter: { property: 'object', value: 'data_source' } });
    expect(records).toEqual([
      {
        id: notion.seed.database.id,
        object: 'database',
        title: 'Tasks',
        url: notion.seed.dataSource.url,
        created_time: notion.seed.dataSource.created_time,
        last_edited_time: notion.seed.dataSource.last_edited_time,
      },
    ]);
  });

  it('filters pages and sorts by last edit when asked', async () => {
    notion = await startFakeNotion({ pages: 3, rows: 0 });
    const records = await search({ type: 'page', sort: 'last_edited' });

    expect(notion.requests[0]?.body).toEqual({
      filter: { property: 'object', value: 'page' },
      sort: { timestamp: 'last_edited_time', direction: 'descending' },
      page_size: 100,
    });
    expect(records.map((record) => record.title)).toEqual(['Page 3', 'Page 2', 'Page 1', 'Team Home']);
  });

  it('lists a database with several data sources once', async () => {
    notion = await startFakeNotion({ pages: 0, rows: 0 });
    const second = { ...notion.seed.dataSource, id: '4d5e6f70-0000-4000-8000-000000000002' };
    notion.route(NOTION_ROUTES.search, () => ({
      json: { object: 'list', results: [notion.seed.dataSource, second], next_cursor: null, has_more: false },
    }));
    expect(await search({ type: 'database' })).toHaveLength(1);
  });

  it('follows next_cursor across pages: 230 hits on 3 pages', async () => {
    notion = await startFakeNotion({ pages: 229, rows: 0 });
    const records = await search({ type: 'page' });

    expect(records).toHaveLength(230);
    expect(new Set(records.map((record) => record.id)).size).toBe(230);
    expect(notion.requests.map((request) => (request.body as { start_cursor?: string }).start_cursor)).toEqual([
      undefined,
      notion.seed.pages[100]?.id,
      notion.seed.pages[200]?.id,
    ]);
  });

  it('stops at maxRecords without requesting pages it does not need', async () => {
    notion = await startFakeNotion({ pages: 229, rows: 0 });
    const records = await search({ type: 'page' }, 120);

    expect(records).toHaveLength(120);
    expect(notion.requests.map((request) => (request.body as { page_size?: number }).page_size)).toEqual([100, 20]);
  });
});
