import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, pageIdField } from '../input-fields.js';
import { commentRecord, toCommentRecord } from '../normalize-depth.js';
import { displayNames } from '../users.js';

/** Confluence's largest page of comments. */
const MAX_PAGE_SIZE = 250;

export const listComments = defineTool({
  name: 'list_comments',
  description: `Lists the comments at the bottom of a Confluence page (footer comments, replies not included) with their text as Markdown, oldest first, following pages up to the server's record limit or "limit".
Use it to read or summarise the discussion on a page, or to find a comment to reply to with add_comment. Inline comments on highlighted text are not included.
Returns one record per comment: id, author (display name), created, body (Markdown).`,
  input: z.object({ page_id: pageIdField, limit: limitField }),
  output: commentRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageFooterComments } = await confluenceV2();
    const { client } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    const comments = await collectPages({
      limit,
      fetchPage: (next) =>
        getPageFooterComments(client, {
          id: Number(input.page_id),
          bodyFormat: 'storage',
          sort: 'created-date',
          cursor: next?.get('cursor') ?? undefined,
          limit: Math.min(MAX_PAGE_SIZE, limit),
        }),
      toRecord: (comment) => comment,
    });
    const names = await displayNames(
      client,
      comments.map((comment) => comment.version?.authorId),
      ctx.logger,
    );
    return comments.map((comment) => toCommentRecord(comment, names));
  },
});
