import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { loginsField, ownerField, pullNumberField, repoField } from '../input-fields.js';
import { reviewRequestRecord, toReviewRequestRecord } from '../normalize-reviews.js';

export const requestReviewers = defineTool({
  name: 'request_reviewers',
  description: `Asks people or teams to review a GitHub pull request; GitHub notifies them. Existing requests stay.
Use it when the user wants someone to look at a pull request. Reviewers must be collaborators of the repository; the author cannot be asked. See who is already asked with get_pull_request (requested_reviewers, requested_teams).
Returns one record: number, html_url, requested_reviewers, requested_teams (everyone now asked, comma-separated).`,
  input: z
    .object({
      owner: ownerField,
      repo: repoField,
      pull_number: pullNumberField,
      reviewers: loginsField.optional().describe('GitHub logins, e.g. ["octocat"]'),
      team_reviewers: z
        .array(z.string().min(1).max(100))
        .max(10)
        .optional()
        .describe('Team slugs of the owning organization, e.g. ["backend"] (not "org/backend")'),
    })
    .refine((input) => (input.reviewers?.length ?? 0) + (input.team_reviewers?.length ?? 0) > 0, {
      message: 'name at least one reviewer or team',
      path: ['reviewers'],
    }),
  output: reviewRequestRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.pulls.requestReviewers({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      reviewers: input.reviewers,
      team_reviewers: input.team_reviewers,
    });
    return toReviewRequestRecord(data);
  },
});
