import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, pageIdField } from '../input-fields.js';
import { labelRecord, toLabelRecord } from '../normalize-depth.js';

/** Confluence's largest page of labels. */
const MAX_PAGE_SIZE = 250;

export const listLabels = defineTool({
  name: 'list_labels',
  description: `Lists the labels on a Confluence page.
Use it to see how a page is tagged before adding labels, or to find the label to search by (search with CQL label = "name" finds every page carrying it).
Returns one record per label: name.`,
  input: z.object({ page_id: pageIdField, limit: limitField }),
  output: labelRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageLabels } = await confluenceV2();
    const { client } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    return collectPages({
      limit,
      fetchPage: (next) =>
        getPageLabels(client, {
          id: Number(input.page_id),
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: toLabelRecord,
    });
  },
});
