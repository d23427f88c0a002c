import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';
import { reviewRecord, toReviewRecord } from '../normalize-reviews.js';

export const listPullRequestReviews = defineTool({
  name: 'list_pull_request_reviews',
  description: `Lists the reviews of a GitHub pull request, oldest first: who approved, requested changes or commented, and their summary.
Use it to answer "is this approved?" or "what did reviewers say?". The comments reviewers left on lines of code are in list_pull_request_review_comments; the general conversation is in list_issue_comments.
Returns one record per review: id, user, state (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING), body, submitted_at, commit_id, html_url.`,
  input: z.object({ owner: ownerField, repo: repoField, pull_number: pullNumberField }),
  output: reviewRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviews, {
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toReviewRecord);
  },
});
