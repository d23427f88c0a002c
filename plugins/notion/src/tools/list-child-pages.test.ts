import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, seedId, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('list_child_pages', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const list = (pageId: unknown, maxRecords?: number) =>
    runTool(
      plugin,
      'list_child_pages',
      { page_id: pageId },
      { baseUrl: notion.url, credential: notion.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the sub-pages and child databases among a page’s blocks', async () => {
    notion = await startFakeNotion();
    const records = await list(notion.seed.home.id);

    expect(notion.requests[0]).toMatchObject({ method: 'GET', path: `/v1/blocks/${notion.seed.home.id}/children` });
    expect(notion.requests[0]?.query.get('page_size')).toBe('100');
    const pageBlock = notion.seed.blocks.get(notion.seed.home.id as string)?.find((b) => b.type === 'child_page');
    expect(records).toEqual([
      {
        id: notion.seed.pages[1]?.id,
        title: 'Page 1',
        object: 'page',
        created_time: pageBlock?.created_time,
        last_edited_time: pageBlock?.last_edited_time,
      },
      expect.objectContaining({ id: notion.seed.database.id, title: 'Tasks', object: 'database' }),
    ]);
  });

  it('reads further pages of blocks until the record limit, skipping other blocks', async () => {
    notion = await startFakeNotion();
    const homeId = notion.seed.home.id as string;
    const blocks = notion.seed.blocks.get(homeId) ?? [];
    const template = blocks.find((block) => block.type === 'child_page') ?? {};
    for (let n = 1; n <= 150; n++) {
      blocks.push({ ...template, id: seedId('page', 70_000 + n), child_page: { title: `Sub ${n}` } });
    }
    expect(await list(homeId)).toHaveLength(152);
    expect(notion.count(NOTION_ROUTES.listBlockChildren)).toBe(2);

    const capped = await list(homeId, 5);
    expect(capped.map((record) => record.title)).toEqual(['Page 1', 'Tasks', 'Sub 1', 'Sub 2', 'Sub 3']);
    expect(notion.count(NOTION_ROUTES.listBlockChildren)).toBe(3);
  });

  it('returns nothing for a page without sub-pages', async () => {
    notion = await startFakeNotion();
    expect(await list(notion.seed.pages[1]?.id)).toEqual([]);
  });
});
