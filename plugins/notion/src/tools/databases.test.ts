import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('create_database and update_database_schema', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const run = (tool: string, input: Record<string, unknown>) =>
    runTool(plugin, tool, input, { baseUrl: notion.url, credential: notion.token }) as Promise<Record<string, unknown>>;

  it('creates a database in a page with its columns, adding a title column, and reads back its schema', async () => {
    notion = await startFakeNotion();
    const record = await run('create_database', {
      parent_page_id: notion.seed.home.id,
      title: 'Sprint',
      properties: [
        { name: 'Priority', type: 'select', options: ['High', 'Low', 'high'] },
        { name: 'Points', type: 'number', number_format: 'number' },
        { name: 'Due', type: 'date' },
      ],
    });

    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/databases' });
    expect(notion.requests[0]?.body).toEqual({
      parent: { type: 'page_id', page_id: notion.seed.home.id },
      title: [{ type: 'text', text: { content: 'Sprint' } }],
      is_inline: false,
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Priority: { select: { options: [{ name: 'High' }, { name: 'Low' }] } },
          Points: { number: { format: 'number' } },
          Due: { date: {} },
        },
      },
    });
    const created = notion.seed.databases.at(-1);
    const source = notion.seed.dataSources.at(-1);
    expect(notion.requests[1]).toMatchObject({ method: 'GET', path: `/v1/data_sources/${source?.id}` });
    expect(record).toEqual({
      id: created?.id,
      title: 'Sprint',
      url: created?.url,
      description: '',
      data_sources: `${source?.id} (Sprint)`,
      properties: 'Name (title); Priority (select: High|Low); Points (number); Due (date)',
    });
  });

  it.each([
    [
      'two title columns',
      [
        { name: 'A', type: 'title' },
        { name: 'B', type: 'title' },
      ],
    ],
    ['options on a date', [{ name: 'Due', type: 'date', options: ['x'] }]],
    [
      'a repeated column',
      [
        { name: 'Due', type: 'date' },
        { name: 'due', type: 'date' },
      ],
    ],
  ])('refuses %s before calling Notion', async (_case, properties) => {
    notion = await startFakeNotion();
    await expect(
      run('create_database', { parent_page_id: notion.seed.home.id, title: 'T', properties }),
    ).rejects.toMatchObject({ kind: 'invalid_input', field: 'properties' });
    expect(notion.count()).toBe(0);
  });

  it('adds a column, renames one and adds a choice, keeping the existing choices', async () => {
    notion = await startFakeNotion({ rows: 2 });
    const source = notion.seed.dataSource;
    const record = await run('update_database_schema', {
      database_id: notion.seed.database.id,
      properties: [
        { name: 'Priority', type: 'select', options: ['High', 'Low'] },
        { name: 'estimate', rename_to: 'Points' },
        { name: 'Tags', options: ['urgent', 'bug'] },
      ],
    });

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/databases/${notion.seed.database.id}`,
      `GET /v1/data_sources/${source.id}`,
      `PATCH /v1/data_sources/${source.id}`,
    ]);
    expect(notion.requests[2]?.body).toEqual({
      properties: {
        Priority: { select: { options: [{ name: 'High' }, { name: 'Low' }] } },
        Estimate: { name: 'Points' },
        Tags: {
          multi_select: {
            options: [
              { id: 'tg-1', name: 'bug' },
              { id: 'tg-2', name: 'feature' },
              { id: 'tg-3', name: 'docs' },
              { name: 'urgent' },
            ],
          },
        },
      },
    });
    expect(record).toMatchObject({ database_id: notion.seed.database.id, data_source_id: source.id, title: 'Tasks' });
    expect(record.properties).toContain('Points (number)');
    expect(record.properties).toContain('Tags (multi_select: bug|feature|docs|urgent)');
    expect(record.properties).toContain('Priority (select: High|Low)');
    // The rows follow the rename, as in Notion.
    expect(Object.keys(notion.seed.pages.at(-1)?.properties as object)).toContain('Points');
  });

  it.each([
    ['a type change', { name: 'Estimate', type: 'rich_text' }],
    ['options for a status column', { name: 'Status', options: ['Blocked'] }],
    ['a new column without a type', { name: 'Priority' }],
    ['a second title column', { name: 'Other', type: 'title' }],
    ['a change that changes nothing', { name: 'Due' }],
  ])('refuses %s, writing nothing', async (_case, change) => {
    notion = await startFakeNotion();
    await expect(
      run('update_database_schema', { data_source_id: notion.seed.dataSource.id, properties: [change] }),
    ).rejects.toMatchObject({ kind: 'invalid_input', field: 'properties' });
    expect(notion.count(NOTION_ROUTES.updateDataSource)).toBe(0);
  });
});
