import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';
import { pageIdField } from '../input-fields.js';
import { markdownToStorage } from '../markdown/markdown-to-storage.js';
import { commentRecord, toCommentRecord } from '../normalize-depth.js';
import { displayNames } from '../users.js';

export const addComment = defineTool({
  name: 'add_comment',
  description: `Adds a comment at the bottom of a Confluence page as the connected account, or a reply to one of its comments; everyone who can see the page sees it.
Use it when the user asks to comment on, answer on, or leave feedback on a page. The text is Markdown (paragraphs, **bold**, lists, links, code); give parent_comment_id (from list_comments) to reply in a thread.
Returns the new comment: id, author, created, body.`,
  input: z.object({
    page_id: pageIdField,
    body: z.string().trim().min(1).max(100_000).describe('Comment text in Markdown'),
    parent_comment_id: z
      .string()
      .trim()
      .regex(/^\d{1,15}$/, 'a comment id is a number such as "5001"')
      .optional()
      .describe('Id of the comment to reply to, e.g. "5001"'),
  }),
  output: commentRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { createFooterComment } = await confluenceV2();
    const { client } = createConfluence(ctx);
    // A reply names only its parent comment; Confluence refuses a pageId beside it.
    const comment = await createFooterComment(client, {
      ...(input.parent_comment_id ? { parentCommentId: input.parent_comment_id } : { pageId: input.page_id }),
      body: { representation: 'storage', value: markdownToStorage(input.body) },
    });
    const names = await displayNames(client, [comment.version?.authorId], ctx.logger);
    return toCommentRecord(comment, names);
  },
});
