import { defineTool, z } from '@mcpist/plugin-sdk';
import type { UpdatePageParameters } from '@notionhq/client';
import { createNotionClient } from '../client.js';
import { fullPage } from '../full-objects.js';
import { notionIdField, propertiesField, titleField } from '../input-fields.js';
import { markdownToRichText } from '../markdown/rich-text.js';
import { pageRecord, toPageRecord } from '../normalize.js';

export const updatePage = defineTool({
  name: 'update_page',
  description: `Changes the title and/or property values of an existing Notion page or database row. Properties not named stay as they are; the page content is not touched.
Use it to rename a page or to update a database row (status, tags, dates, people…); use append_blocks to add content and delete_page to remove a page. See get_database for the property names and options of a row's database.
Returns the updated page: id, title, url, created_time, last_edited_time.`,
  input: z
    .object({
      page_id: notionIdField('page'),
      title: titleField.optional().describe('New title'),
      properties: propertiesField.optional(),
    })
    .refine((input) => input.title !== undefined || input.properties !== undefined, {
      message: 'give a title or properties to change',
      path: ['title'],
    }),
  output: pageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const properties = { ...(input.properties as UpdatePageParameters['properties']) };
    // The title property's id is always "title", whatever the column is called.
    if (input.title !== undefined) properties.title = { title: markdownToRichText(input.title) };
    const updated = await notion.pages.update({ page_id: input.page_id, properties });
    return toPageRecord(fullPage(updated));
  },
});
