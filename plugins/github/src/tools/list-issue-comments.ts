import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { issueNumberField, ownerField, repoField } from '../input-fields.js';
import { commentRecord, toCommentRecord } from '../normalize-git.js';

export const listIssueComments = defineTool({
  name: 'list_issue_comments',
  description: `Lists the comments of one GitHub issue or pull request conversation, oldest first, following pages up to the server's record limit.
Use it to read a discussion after get_issue (which returns only the opening text). Review comments on code lines of a pull request are not included.
Returns one record per comment: id, user, body, created_at, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    issue_number: issueNumberField,
    since: z.iso.datetime({ offset: true }).optional().describe('Only comments updated at or after this ISO 8601 time'),
  }),
  output: commentRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      since: input.since,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toCommentRecord);
  },
});
