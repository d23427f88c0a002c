import { defineTool, z } from '@mcpist/plugin-sdk';
import type { CreatePageParameters } from '@notionhq/client';
import { chunk, createNotionClient, MAX_BLOCKS_PER_REQUEST } from '../client.js';
import { dataSourceOf } from '../data-sources.js';
import { fullPage } from '../full-objects.js';
import { markdownField, notionIdField, propertiesField, titleField } from '../input-fields.js';
import { markdownToBlocks } from '../markdown/markdown-to-blocks.js';
import { markdownToRichText } from '../markdown/rich-text.js';
import { pageRecord, toPageRecord } from '../normalize.js';

/** True when the page is to be a database row rather than a sub-page. */
function isRow(input: { database_id?: string | undefined; data_source_id?: string | undefined }): boolean {
  return input.database_id !== undefined || input.data_source_id !== undefined;
}

export const createPage = defineTool({
  name: 'create_page',
  description: `Creates a Notion page, either as a sub-page of an existing page or as a new row of a database, with a title and optional Markdown content.
Use it when the user asks to write something down in Notion: notes, a document, a task or entry in a database. Give either parent_page_id, or database_id (or the data_source_id of one of its data sources). For a database row, set other columns with properties (see get_database for names and options). The integration must have access to the parent.
Returns the created page: id, title, url, created_time, last_edited_time.`,
  input: z
    .object({
      parent_page_id: notionIdField('page').optional().describe('Create the page under this page'),
      database_id: notionIdField('database').optional().describe('Create the page as a row of this database'),
      data_source_id: notionIdField('data source')
        .optional()
        .describe('Create the row in this data source (for databases with several); saves one request'),
      title: titleField.describe('Page title (for a database row: its title column)'),
      content: markdownField.optional(),
      properties: propertiesField.optional(),
    })
    .refine((input) => (input.parent_page_id !== undefined) !== isRow(input), {
      message: 'give exactly one of parent_page_id or database_id',
      path: ['parent_page_id'],
    })
    .refine((input) => input.properties === undefined || isRow(input), {
      message: 'properties apply to database rows only; a sub-page has just a title',
      path: ['properties'],
    }),
  output: pageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const [first = [], ...rest] = chunk(markdownToBlocks(input.content ?? ''), MAX_BLOCKS_PER_REQUEST);
    // The title property's id is always "title", whatever the column is called.
    const title = { title: markdownToRichText(input.title) };
    const parent: CreatePageParameters['parent'] = isRow(input)
      ? { type: 'data_source_id', data_source_id: await dataSourceOf(notion, input) }
      : { type: 'page_id', page_id: input.parent_page_id ?? '' };
    const created = fullPage(
      await notion.pages.create({
        parent,
        properties: { ...(input.properties as CreatePageParameters['properties']), title },
        ...(first.length > 0 ? { children: first } : {}),
      }),
    );
    // Notion takes 100 blocks per request; the rest go in after the page exists.
    for (const blocks of rest) await notion.blocks.children.append({ block_id: created.id, children: blocks });
    return toPageRecord(created);
  },
});
