import { defineTool, z } from '@mcpist/plugin-sdk';
import { createNotionClient } from '../client.js';
import { fullPage } from '../full-objects.js';
import { notionIdField } from '../input-fields.js';
import { toTrashedPageRecord, trashedPageRecord } from '../normalize.js';

export const deletePage = defineTool({
  name: 'delete_page',
  description: `Deletes a Notion page (or database row) by moving it to Notion's trash, together with its sub-pages and content. It can be restored from the trash in Notion for a limited time, not through this tool.
Use it only when the user clearly asks to delete or archive that page; confirm the page with get_page or search first. To change a page, use update_page instead.
Returns the page: id, title, url, in_trash (true).`,
  input: z.object({ page_id: notionIdField('page') }),
  output: trashedPageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const trashed = await notion.pages.update({ page_id: input.page_id, in_trash: true });
    return toTrashedPageRecord(fullPage(trashed));
  },
});
