import { defineTool, z } from '@mcpist/plugin-sdk';
import type { CreateCommentParameters } from '@notionhq/client';
import { createNotionClient } from '../client.js';
import { notionIdField } from '../input-fields.js';
import { markdownToRichText } from '../markdown/rich-text.js';
import { commentRecord, type NotionComment, toCommentRecord } from '../normalize.js';

export const addComment = defineTool({
  name: 'add_comment',
  description: `Adds a comment to a Notion page, or a reply to an existing discussion thread, as the integration.
Use it to leave a note or answer a question on a page without changing its content. Give page_id for a new comment on the page, or discussion_id (from list_comments) to reply in a thread. Needs the integration's "Insert comments" capability.
Returns the comment: id, discussion_id, created_time, created_by, text.`,
  input: z
    .object({
      page_id: notionIdField('page').optional().describe('Comment on this page'),
      discussion_id: z
        .string()
        .trim()
        .regex(/^[0-9a-f-]{32,36}$/i)
        .optional()
        .describe('Reply in this discussion thread (discussion_id from list_comments)'),
      text: z.string().trim().min(1).max(2000).describe('Comment text; inline Markdown (**bold**, links) is kept'),
    })
    .refine((input) => (input.page_id === undefined) !== (input.discussion_id === undefined), {
      message: 'give exactly one of page_id or discussion_id',
      path: ['page_id'],
    }),
  output: commentRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const rich_text = markdownToRichText(input.text);
    const target: CreateCommentParameters = input.discussion_id
      ? { discussion_id: input.discussion_id, rich_text }
      : { parent: { page_id: input.page_id ?? '' }, rich_text };
    return toCommentRecord((await notion.comments.create(target)) as unknown as NotionComment);
  },
});
