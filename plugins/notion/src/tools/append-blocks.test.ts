import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('append_blocks', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const append = (content: string) =>
    runTool(
      plugin,
      'append_blocks',
      { page_id: notion.seed.home.id, content },
      { baseUrl: notion.url, credential: notion.token },
    ) as Promise<Record<string, unknown>[]>;

  it('PATCHes the page’s children with the blocks and returns what was written', async () => {
    notion = await startFakeNotion();
    const before = notion.seed.blocks.get(notion.seed.home.id as string)?.length ?? 0;
    const records = await append('## Follow-up\n\n1. Call Ada\n2. Email Grace\n- [x] Done already\n---\n> Quoted');

    expect(notion.requests[0]).toMatchObject({ method: 'PATCH', path: `/v1/blocks/${notion.seed.home.id}/children` });
    const body = notion.requests[0]?.body as { children: Array<{ type: string }> } | undefined;
    expect(body?.children.map((child) => child.type)).toEqual([
      'heading_2',
      'numbered_list_item',
      'numbered_list_item',
      'to_do',
      'divider',
      'quote',
    ]);
    expect(records.map((record) => [record.type, record.text])).toEqual([
      ['heading_2', 'Follow-up'],
      ['numbered_list_item', 'Call Ada'],
      ['numbered_list_item', 'Email Grace'],
      ['to_do', 'Done already'],
      ['divider', ''],
      ['quote', 'Quoted'],
    ]);
    expect(notion.seed.blocks.get(notion.seed.home.id as string)).toHaveLength(before + 6);
  });

  it('refuses content with no blocks before calling Notion', async () => {
    notion = await startFakeNotion();
    await expect(append(' \n\n ')).rejects.toMatchObject({ kind: 'invalid_input', field: 'content' });
    expect(notion.count()).toBe(0);
  });
});
