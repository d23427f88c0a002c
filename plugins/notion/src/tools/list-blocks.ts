import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createNotionClient } from '../client.js';
import { notionIdField } from '../input-fields.js';
import { blockDetailRecord, type NotionBlockObject, toBlockDetailRecord } from '../normalize-blocks.js';

export const listBlocks = defineTool({
  name: 'list_blocks',
  description: `Lists the top-level blocks of a Notion page (or the blocks nested in one block) in order, with their ids, following pages up to the server's record limit.
Use it to find the block_id of a paragraph, heading or to-do before update_block or delete_block, or to see which to-dos are ticked. To read a page as a whole, get_page (Markdown) is better; for nested blocks, call list_blocks again with a block's id when has_children is true.
Returns one record per block: id, type (paragraph, heading_2, to_do, child_page…), text, checked (to-dos; null otherwise), has_children.`,
  input: z.object({
    page_id: notionIdField('page').describe(
      'The page, or a block with children, whose blocks to list: id or Notion URL',
    ),
  }),
  output: blockDetailRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    return collectPages(
      (cursor, pageSize) =>
        notion.blocks.children.list({ block_id: input.page_id, start_cursor: cursor, page_size: pageSize }),
      ctx.limits.maxRecords,
      (block) => ('type' in block ? toBlockDetailRecord(block as unknown as NotionBlockObject) : undefined),
    );
  },
});
