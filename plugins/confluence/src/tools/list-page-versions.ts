import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, pageIdField } from '../input-fields.js';
import { toVersionRecord, versionRecord } from '../normalize-depth.js';
import { displayNames } from '../users.js';

/** Confluence's largest page of versions. */
const MAX_PAGE_SIZE = 250;

export const listPageVersions = defineTool({
  name: 'list_page_versions',
  description: `Lists the saved versions of a Confluence page (its history), newest first, following pages up to the server's record limit or "limit".
Use it to answer who changed a page and when, how often it is edited, or what the version notes say; get_page reads the current text.
Returns one record per version: number, created, author (display name), message, minor_edit.`,
  input: z.object({ page_id: pageIdField, limit: limitField }),
  output: versionRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageVersions } = await confluenceV2();
    const { client } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    const versions = await collectPages({
      limit,
      fetchPage: (next) =>
        getPageVersions(client, {
          id: Number(input.page_id),
          sort: '-modified-date',
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: (version) => version,
    });
    const names = await displayNames(
      client,
      versions.map((version) => version.authorId),
      ctx.logger,
    );
    return versions.map((version) => toVersionRecord(version, names));
  },
});
