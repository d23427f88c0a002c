import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';
import { reviewCommentRecord, toReviewCommentRecord } from '../normalize-reviews.js';

export const listPullRequestReviewComments = defineTool({
  name: 'list_pull_request_review_comments',
  description: `Lists the review comments of a GitHub pull request: the remarks reviewers attached to lines of the diff, oldest first, following pages up to the server's record limit.
Use it to see what must change in the code or to answer a reviewer; replies carry in_reply_to_id, so threads can be followed. Overall verdicts are in list_pull_request_reviews; the general conversation is in list_issue_comments.
Returns one record per comment: id, review_id, in_reply_to_id, user, path, line, body, created_at, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    pull_number: pullNumberField,
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only comments updated at or after this RFC 3339 time, e.g. 2026-01-31T00:00:00Z'),
  }),
  output: reviewCommentRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, {
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      since: input.since,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toReviewCommentRecord);
  },
});
