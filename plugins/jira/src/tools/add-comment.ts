import { defineTool, z } from '@mcpist/plugin-sdk';
import { textToAdf } from '../adf.js';
import { createJiraClient } from '../client.js';
import { issueKeyField, richTextField } from '../input-fields.js';
import { commentRecord, displayName, isoTime } from '../normalize.js';

export const addComment = defineTool({
  name: 'add_comment',
  description: `Adds a comment to a Jira issue as the connected account, visible to everyone who can see the issue.
Use it to post an update, answer a question or record a decision on an issue. The text is plain text (blank lines separate paragraphs).
Returns id, issue_key, author and created of the new comment.`,
  input: z.object({
    issue_key: issueKeyField,
    body: richTextField.trim().min(1).describe('Comment text'),
  }),
  output: commentRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    const comment = await api.issueComments.addComment({
      issueIdOrKey: input.issue_key,
      body: textToAdf(input.body),
    });
    return {
      id: comment.id ?? '',
      issue_key: input.issue_key,
      author: displayName(comment.author),
      created: isoTime(comment.created),
    };
  },
});
