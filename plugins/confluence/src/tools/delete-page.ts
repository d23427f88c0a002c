import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';
import { pageIdField } from '../input-fields.js';
import { pageRecord, toPageRecord } from '../normalize.js';

export const deletePage = defineTool({
  name: 'delete_page',
  description: `Deletes one Confluence page: it moves to the space's trash, where a space admin can restore it (child pages move up to its parent).
Use it only when the user clearly asks to delete that page; confirm the id with get_page or search first. It cannot delete drafts or purge the trash.
Returns the deleted page: id, title, space_id, parent_id, status (trashed), version, last_modified, url.`,
  input: z.object({ page_id: pageIdField }),
  output: pageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const { deletePage: deletePageRequest, getPageById } = await confluenceV2();
    const { client, webBase } = createConfluence(ctx);
    const id = Number(input.page_id);
    // Read first: the answer names what was deleted, and a wrong id fails before anything changes.
    const page = await getPageById(client, { id });
    await deletePageRequest(client, { id });
    return toPageRecord(page, webBase, 'trashed');
  },
});
