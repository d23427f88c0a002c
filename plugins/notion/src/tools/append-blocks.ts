import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { chunk, createNotionClient, MAX_BLOCKS_PER_REQUEST } from '../client.js';
import { markdownField, notionIdField } from '../input-fields.js';
import { markdownToBlocks } from '../markdown/markdown-to-blocks.js';
import { type BlockRecord, blockRecord, toBlockRecord } from '../normalize.js';

export const appendBlocks = defineTool({
  name: 'append_blocks',
  description: `Appends content to the end of an existing Notion page: paragraphs, headings, bulleted and numbered list items, to-dos, quotes, dividers and code, written as Markdown.
Use it to add notes, a section, a checklist or meeting minutes to a page without replacing what is there; use create_page for a new page. Nested Markdown lists are flattened.
Returns one record per block written: id, type, text.`,
  input: z.object({
    page_id: notionIdField('page').describe('The page (or a block that takes children, e.g. a toggle) to append to'),
    content: markdownField,
  }),
  output: blockRecord,
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const blocks = markdownToBlocks(input.content);
    if (blocks.length === 0) throw new InvalidInputError('content is empty: nothing to append', { field: 'content' });
    const notion = createNotionClient(ctx);
    const written: BlockRecord[] = [];
    // Notion takes at most 100 blocks per request; larger content goes in order, batch by batch.
    for (const batch of chunk(blocks, MAX_BLOCKS_PER_REQUEST)) {
      const response = await notion.blocks.children.append({ block_id: input.page_id, children: batch });
      for (const block of response.results) {
        if ('type' in block) written.push(toBlockRecord(block as unknown as Parameters<typeof toBlockRecord>[0]));
      }
    }
    return written;
  },
});
