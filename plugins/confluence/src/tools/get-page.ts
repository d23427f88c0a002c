import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';
import { pageIdField } from '../input-fields.js';
import { storageToMarkdown } from '../markdown/storage-to-markdown.js';
import { pageDetailRecord, toPageRecord } from '../normalize.js';

export const getPage = defineTool({
  name: 'get_page',
  description: `Reads one Confluence page by id, with its text converted to Markdown (headings, lists, links, code, tables; macros without text are left out).
Use it after search or list results when you need what a page says, or before update_page to see the current text and version.
Returns one record: id, title, space_id, parent_id, status, version, last_modified, url, markdown.`,
  input: z.object({ page_id: pageIdField }),
  output: pageDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageById } = await confluenceV2();
    const { client, webBase } = createConfluence(ctx);
    const page = await getPageById(client, { id: Number(input.page_id), bodyFormat: 'storage' });
    return { ...toPageRecord(page, webBase), markdown: storageToMarkdown(page.body?.storage?.value ?? '') };
  },
});
