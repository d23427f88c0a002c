import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, spaceKeyField } from '../input-fields.js';
import { spaceRecord, toSpaceRecord } from '../normalize.js';

/** Confluence's largest page size for spaces. */
const MAX_PAGE_SIZE = 250;

export const listSpaces = defineTool({
  name: 'list_spaces',
  description: `Lists the Confluence spaces the connected account can see, sorted by name, following pages up to the server's record limit.
Use it to find a space's key or id before searching in it (CQL space = KEY) or creating a page there, or to answer "which spaces are there".
Returns one record per space: id, key, name, type, status, url.`,
  input: z.object({
    keys: z.array(spaceKeyField).max(250).optional().describe('Only these space keys, e.g. ["DEV", "OPS"]'),
    type: z
      .enum(['global', 'personal', 'collaboration', 'knowledge_base'])
      .optional()
      .describe('Only spaces of this type; team spaces are global (or collaboration / knowledge_base on newer sites)'),
    status: z.enum(['current', 'archived']).optional().describe('Only current or only archived spaces; default both'),
    limit: limitField,
  }),
  output: spaceRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getSpaces } = await confluenceV2();
    const { client, webBase } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    return collectPages({
      limit,
      fetchPage: (next) =>
        getSpaces(client, {
          keys: input.keys,
          type: input.type,
          status: input.status,
          sort: 'name',
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: (space, page) => toSpaceRecord(space, page._links?.base, webBase),
    });
  },
});
