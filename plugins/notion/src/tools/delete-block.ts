import { defineTool, z } from '@mcpist/plugin-sdk';
import { createNotionClient } from '../client.js';
import { notionIdField } from '../input-fields.js';
import { type NotionBlockObject, toTrashedBlockRecord, trashedBlockRecord } from '../normalize-blocks.js';

export const deleteBlock = defineTool({
  name: 'delete_block',
  description: `Deletes one block from a Notion page (moves it to the trash), with any blocks nested under it. A child_page or child_database block is the sub-page or database itself, which goes to the trash with everything in it.
Use it only when the user clearly asks to remove that paragraph, item or section; confirm the block with list_blocks first. To change a block's text, use update_block; to delete a whole page, delete_page.
Returns the block: id, type, text, in_trash (true).`,
  input: z.object({ block_id: notionIdField('block') }),
  output: trashedBlockRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const trashed = await notion.blocks.delete({ block_id: input.block_id });
    return toTrashedBlockRecord(trashed as unknown as NotionBlockObject);
  },
});
