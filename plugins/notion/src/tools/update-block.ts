import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import type { UpdateBlockParameters } from '@notionhq/client';
import { createNotionClient } from '../client.js';
import { notionIdField } from '../input-fields.js';
import { MAX_TEXT_CONTENT, markdownToRichText, type RichTextRequest } from '../markdown/rich-text.js';
import { blockDetailRecord, type NotionBlockObject, toBlockDetailRecord } from '../normalize-blocks.js';

/** Block types whose content is one rich text, which update_block can replace. */
const TEXT_BLOCKS = new Set([
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'code',
]);

/** Code is literal: no Markdown parsing, just Notion's 2,000-character pieces. */
function literal(text: string): RichTextRequest[] {
  const pieces: RichTextRequest[] = [];
  for (let i = 0; i < text.length; i += MAX_TEXT_CONTENT) {
    pieces.push({ type: 'text', text: { content: text.slice(i, i + MAX_TEXT_CONTENT) } });
  }
  return pieces;
}

export const updateBlock = defineTool({
  name: 'update_block',
  description: `Changes one block of a Notion page in place: replaces its text, or ticks or unticks a to-do, keeping its type and position.
Use it to fix a sentence, rename a heading or check off a to-do without rewriting the page; get the block_id from list_blocks (or append_blocks). A block's type cannot change: to turn a paragraph into a heading, delete_block it and append_blocks the new one. Only text blocks (paragraph, headings, list items, to-do, toggle, quote, callout, code) can be changed.
Returns the block: id, type, text, checked (to-dos), has_children.`,
  input: z
    .object({
      block_id: notionIdField('block'),
      text: z
        .string()
        .max(20_000)
        .optional()
        .describe(
          'New text of the block; inline Markdown (**bold**, *italic*, `code`, [links](https://…)) is kept, except in code blocks',
        ),
      checked: z.boolean().optional().describe('For a to-do block: true ticks it, false unticks it'),
    })
    .refine((input) => input.text !== undefined || input.checked !== undefined, {
      message: 'give text or checked to change',
      path: ['text'],
    }),
  output: blockDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    // The update must name the block's own type, which only Notion knows.
    const block = (await notion.blocks.retrieve({ block_id: input.block_id })) as unknown as NotionBlockObject;
    if (!TEXT_BLOCKS.has(block.type)) {
      throw new InvalidInputError(
        `block ${block.id} is a ${block.type} block, whose content update_block cannot change (only text blocks)`,
        { field: 'block_id' },
      );
    }
    if (input.checked !== undefined && block.type !== 'to_do') {
      throw new InvalidInputError(`block ${block.id} is a ${block.type} block, not a to-do: it cannot be checked`, {
        field: 'checked',
      });
    }
    const content = {
      ...(input.text === undefined
        ? {}
        : { rich_text: block.type === 'code' ? literal(input.text) : markdownToRichText(input.text) }),
      ...(input.checked === undefined ? {} : { checked: input.checked }),
    };
    const updated = await notion.blocks.update({
      block_id: block.id,
      [block.type]: content,
    } as unknown as UpdateBlockParameters);
    return toBlockDetailRecord(updated as unknown as NotionBlockObject);
  },
});
