import { defineTool, z } from '@mcpist/plugin-sdk';
import { createNotionClient, MAX_PAGE_SIZE } from '../client.js';
import { notionIdField } from '../input-fields.js';
import {
  type ChildPageRecord,
  childPageRecord,
  type NotionBlockObject,
  toChildPageRecord,
} from '../normalize-blocks.js';

export const listChildPages = defineTool({
  name: 'list_child_pages',
  description: `Lists the sub-pages (and child databases) directly inside a Notion page, in the order they appear on it, following pages up to the server's record limit.
Use it to browse a page tree — "what pages are under Team Home?" — or to find a sub-page's id by its title when search matches too much. Only the page's own top-level blocks are looked at: sub-pages inside toggles or columns are not listed. Call it again on a sub-page's id to go one level deeper.
Returns one record per child: id, title, object (page or database), created_time, last_edited_time. Pass a page id to get_page, a database id to query_database.`,
  input: z.object({ page_id: notionIdField('page') }),
  output: childPageRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const records: ChildPageRecord[] = [];
    let cursor: string | undefined;
    // Child pages are blocks among the page's other blocks, so pages of blocks are read in full (100 each)
    // until enough child pages are found; a page of blocks may hold none.
    do {
      const page = await notion.blocks.children.list({
        block_id: input.page_id,
        start_cursor: cursor,
        page_size: MAX_PAGE_SIZE,
      });
      for (const block of page.results) {
        const record = 'type' in block ? toChildPageRecord(block as unknown as NotionBlockObject) : undefined;
        if (record) records.push(record);
        if (records.length >= ctx.limits.maxRecords) return records;
      }
      cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
    } while (cursor !== undefined);
    return records;
  },
});
