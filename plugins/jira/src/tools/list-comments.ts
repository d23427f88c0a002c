import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient, recordLimit } from '../client.js';
import { fetchComments } from '../comments.js';
import { issueKeyField, limitField } from '../input-fields.js';
import { commentTextRecord } from '../normalize-work.js';

export const listComments = defineTool({
  name: 'list_comments',
  description: `Lists the comments on a Jira issue with their text, following pages up to the server's record limit or "limit".
Use it to answer what people said on an issue ("what did the team say on PROJ-12?"), to summarise a discussion, or to find the latest update; oldest first by default, order: "newest" for the latest first. get_issue with include_comments: true gives the issue and its comments in one call.
Returns one record per comment: id, author, created, updated, body (plain text).`,
  input: z.object({
    issue_key: issueKeyField,
    order: z.enum(['oldest', 'newest']).default('oldest').describe('"oldest" (default) or "newest" first'),
    limit: limitField,
  }),
  output: commentTextRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    return fetchComments(api, input.issue_key, recordLimit(ctx, input.limit), input.order);
  },
});
