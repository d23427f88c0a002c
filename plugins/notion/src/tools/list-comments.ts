import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createNotionClient } from '../client.js';
import { notionIdField } from '../input-fields.js';
import { commentRecord, type NotionComment, toCommentRecord } from '../normalize.js';

export const listComments = defineTool({
  name: 'list_comments',
  description: `Lists the open (unresolved) comments on a Notion page or block, oldest first, following pages up to the server's record limit.
Use it to read the discussion on a page before answering or acting on it. Needs the integration's "Read comments" capability.
Returns one record per comment: id, discussion_id, created_time, created_by (user id), text (Markdown).`,
  input: z.object({
    page_id: notionIdField('page').describe('The page (or block) whose comments to list'),
  }),
  output: commentRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    return collectPages(
      (cursor, pageSize) =>
        notion.comments.list({ block_id: input.page_id, start_cursor: cursor, page_size: pageSize }),
      ctx.limits.maxRecords,
      (comment) => ('created_by' in comment ? toCommentRecord(comment as NotionComment) : undefined),
    );
  },
});
