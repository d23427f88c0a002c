import { defineTool, z } from '@mcpist/plugin-sdk';
import { createNotionClient } from '../client.js';
import { fullPage } from '../full-objects.js';
import { notionIdField } from '../input-fields.js';
import { renderBlocks } from '../markdown/blocks-to-markdown.js';
import { pageDetailRecord, toPageRowRecord } from '../normalize.js';
import { fetchBlockTree } from '../page-content.js';

export const getPage = defineTool({
  name: 'get_page',
  description: `Reads one Notion page: its title, property values and its content rendered as Markdown (headings, lists, to-dos, quotes, code, tables, links), including nested blocks up to max_depth levels.
Use it to read or summarize a page, or to look at a database row in full. Sub-pages and child databases appear as one line with their id; read them with get_page or query_database. Content beyond the server's record limit (in blocks) or below max_depth is left out with a note saying so.
Returns one record: id, title, url, created_time, last_edited_time, properties ("Name: value; …"), markdown.`,
  input: z.object({
    page_id: notionIdField('page'),
    max_depth: z
      .int()
      .min(1)
      .max(10)
      .default(3)
      .describe('Levels of nested blocks to read (1 = top-level blocks only); default 3. Each level costs requests.'),
  }),
  output: pageDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const page = fullPage(await notion.pages.retrieve({ page_id: input.page_id }));
    const tree = await fetchBlockTree(notion, page.id, {
      maxDepth: input.max_depth,
      maxBlocks: ctx.limits.maxRecords,
    });
    let markdown = renderBlocks(tree.nodes);
    if (tree.truncated) {
      markdown += `${markdown === '' ? '' : '\n\n'}_(Truncated: ${tree.blockCount} blocks read; nested content below depth ${input.max_depth} or past the server's limit of ${ctx.limits.maxRecords} blocks is not shown.)_`;
    }
    return { ...toPageRowRecord(page), markdown };
  },
});
