import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, pageIdField } from '../input-fields.js';
import { childPageRecord, toChildPageRecord } from '../normalize-depth.js';

/** Confluence's largest page of children. */
const MAX_PAGE_SIZE = 250;

export const listChildPages = defineTool({
  name: 'list_child_pages',
  description: `Lists the pages directly under a Confluence page, in their order in the page tree, following pages up to the server's record limit or "limit".
Use it to browse a section of a space (e.g. the pages under "Runbooks"), or to find a sub-page by title before reading it with get_page. Only direct children: call it again on a child to go deeper.
Returns one record per child page: id, title (get_page gives its text and url).`,
  input: z.object({ page_id: pageIdField.describe('Id of the parent page, e.g. "123456"'), limit: limitField }),
  output: childPageRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getChildPages } = await confluenceV2();
    const { client } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    return collectPages({
      limit,
      fetchPage: (next) =>
        getChildPages(client, {
          id: Number(input.page_id),
          sort: 'child-position',
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: toChildPageRecord,
    });
  },
});
