import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('list_blocks, update_block and delete_block', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const run = (tool: string, input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, tool, input, { baseUrl: notion.url, credential: notion.token, maxRecords });
  const homeBlocks = () => notion.seed.blocks.get(notion.seed.home.id as string) ?? [];

  it('lists a page’s blocks with ids, text, to-do state and children', async () => {
    notion = await startFakeNotion();
    const records = (await run('list_blocks', { page_id: notion.seed.home.id })) as Record<string, unknown>[];

    expect(notion.requests[0]).toMatchObject({ method: 'GET', path: `/v1/blocks/${notion.seed.home.id}/children` });
    expect(records.map((record) => [record.type, record.text, record.checked, record.has_children])).toEqual([
      ['heading_1', 'Welcome', null, false],
      ['paragraph', 'This is the team home. See the docs.', null, false],
      ['bulleted_list_item', 'First point', null, true],
      ['bulleted_list_item', 'Second point', null, false],
      ['to_do', 'Ship it', false, false],
      ['to_do', 'Write tests', true, false],
      ['code', 'const answer = 42;', null, false],
      ['child_page', 'Page 1', null, false],
      ['child_database', 'Tasks', null, false],
    ]);
    expect(records[0]?.id).toBe(homeBlocks()[0]?.id);
  });

  it('follows next_cursor up to maxRecords', async () => {
    notion = await startFakeNotion({ paragraphs: 150 });
    expect(await run('list_blocks', { page_id: notion.seed.home.id })).toHaveLength(159);
    expect(notion.count(NOTION_ROUTES.listBlockChildren)).toBe(2);
    notion.requests.length = 0;
    expect(await run('list_blocks', { page_id: notion.seed.home.id }, 120)).toHaveLength(120);
    expect(notion.requests.map((request) => request.query.get('page_size'))).toEqual(['100', '20']);
  });

  it('updates a block’s text under its own type, read first', async () => {
    notion = await startFakeNotion();
    const heading = homeBlocks()[0];
    const record = await run('update_block', { block_id: heading?.id, text: 'Hello **team**' });

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/blocks/${heading?.id}`,
      `PATCH /v1/blocks/${heading?.id}`,
    ]);
    expect(notion.requests[1]?.body).toEqual({
      heading_1: {
        rich_text: [
          { type: 'text', text: { content: 'Hello ' } },
          { type: 'text', text: { content: 'team' }, annotations: { bold: true } },
        ],
      },
    });
    expect(record).toEqual({
      id: heading?.id,
      type: 'heading_1',
      text: 'Hello team',
      checked: null,
      has_children: false,
    });
  });

  it('ticks a to-do, and keeps code literal', async () => {
    notion = await startFakeNotion();
    const todo = homeBlocks()[4];
    expect(await run('update_block', { block_id: todo?.id, checked: true })).toMatchObject({ checked: true });
    expect(notion.requests[1]?.body).toEqual({ to_do: { checked: true } });

    const code = homeBlocks()[6];
    await run('update_block', { block_id: code?.id, text: 'let **x** = 1;' });
    expect(notion.requests[3]?.body).toEqual({
      code: { rich_text: [{ type: 'text', text: { content: 'let **x** = 1;' } }] },
    });
  });

  it.each([
    ['checked on a block that is no to-do', 0, { checked: true }, 'checked'],
    ['text on a child page block', 7, { text: 'x' }, 'block_id'],
  ])('refuses %s without writing', async (_case, index, change, field) => {
    notion = await startFakeNotion();
    const block = homeBlocks()[index];
    await expect(run('update_block', { block_id: block?.id, ...change })).rejects.toMatchObject({
      kind: 'invalid_input',
      field,
    });
    expect(notion.count(NOTION_ROUTES.updateBlock)).toBe(0);
  });

  it('deletes a block: DELETE, then it is gone from the page', async () => {
    notion = await startFakeNotion();
    const block = homeBlocks()[3];
    const record = await run('delete_block', { block_id: block?.id });

    expect(notion.requests[0]).toMatchObject({ method: 'DELETE', path: `/v1/blocks/${block?.id}` });
    expect(record).toEqual({ id: block?.id, type: 'bulleted_list_item', text: 'Second point', in_trash: true });
    const after = (await run('list_blocks', { page_id: notion.seed.home.id })) as Record<string, unknown>[];
    expect(after.map((entry) => entry.id)).not.toContain(block?.id);
  });

  it('reports a block that does not exist as not found', async () => {
    notion = await startFakeNotion();
    await expect(run('delete_block', { block_id: '2b3c4d5e-0000-4000-8000-0000000fffff' })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
