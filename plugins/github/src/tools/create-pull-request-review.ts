import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';
import { reviewRecord, toReviewRecord } from '../normalize-reviews.js';

const lineComment = z.object({
  path: z.string().min(1).max(1024).describe('File the comment is on, e.g. "src/index.ts"'),
  line: z.number().int().positive().describe('Line number in the file as changed by the pull request'),
  side: z
    .enum(['RIGHT', 'LEFT'])
    .default('RIGHT')
    .describe('RIGHT (default): the new version of the line; LEFT: a deleted line of the old version'),
  start_line: z.number().int().positive().optional().describe('First line, for a comment on a range ending at line'),
  body: z.string().min(1).max(65_536).describe('Comment text in GitHub Markdown'),
});

export const createPullRequestReview = defineTool({
  name: 'create_pull_request_review',
  description: `Submits a review of a GitHub pull request as the connected account: approve it, request changes, or comment, optionally with comments on specific lines of the diff.
Use it when the user asks to review, approve or ask for changes on a pull request; read it first with get_pull_request and get_pull_request_diff. For a plain reply in the conversation use add_issue_comment. GitHub refuses approving or requesting changes on your own pull request, and a line that is not in the diff.
Returns the review: id, user, state, body, submitted_at, commit_id, html_url.`,
  input: z
    .object({
      owner: ownerField,
      repo: repoField,
      pull_number: pullNumberField,
      event: z
        .enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT'])
        .describe('APPROVE, REQUEST_CHANGES (body required) or COMMENT (body or comments required)'),
      body: z.string().max(65_536).optional().describe('Review summary in GitHub Markdown'),
      comments: z.array(lineComment).max(50).optional().describe('Comments on lines of the diff'),
      commit_id: z
        .string()
        .regex(/^[0-9a-f]{40}$/i)
        .optional()
        .describe('Commit the review is for (head_sha from get_pull_request); default the latest commit'),
    })
    .refine((input) => input.event === 'APPROVE' || Boolean(input.body) || (input.comments?.length ?? 0) > 0, {
      message: 'REQUEST_CHANGES and COMMENT need a body or line comments',
      path: ['body'],
    }),
  output: reviewRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.pulls.createReview({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      event: input.event,
      body: input.body,
      commit_id: input.commit_id,
      comments: input.comments?.map((comment) => ({
        path: comment.path,
        line: comment.line,
        side: comment.side,
        ...(comment.start_line === undefined ? {} : { start_line: comment.start_line, start_side: comment.side }),
        body: comment.body,
      })),
    });
    return toReviewRecord(data);
  },
});
