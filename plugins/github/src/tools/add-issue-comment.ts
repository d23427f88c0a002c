import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { issueNumberField, ownerField, repoField } from '../input-fields.js';
import { commentRecord, toCommentRecord } from '../normalize-git.js';

export const addIssueComment = defineTool({
  name: 'add_issue_comment',
  description: `Posts a comment on a GitHub issue or pull request as the connected account (everyone watching it is notified).
Use it to answer on an issue, report progress, or leave a note on a pull request's conversation. For the existing discussion, use list_issue_comments.
Returns the created comment: id, user, body, created_at, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    issue_number: issueNumberField,
    body: z.string().trim().min(1).max(65_536).describe('Comment text in GitHub Markdown'),
  }),
  output: commentRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.issues.createComment({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      body: input.body,
    });
    return toCommentRecord(data);
  },
});
