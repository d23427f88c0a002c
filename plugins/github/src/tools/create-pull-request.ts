import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, refField, repoField } from '../input-fields.js';
import { pullRecord, toPullRecord } from '../normalize-pulls.js';

export const createPullRequest = defineTool({
  name: 'create_pull_request',
  description: `Opens a pull request asking to merge the head branch into the base branch of a GitHub repository, as the connected account.
Use it when the changes are already pushed to a branch. The base is usually the repository's default branch (see get_repo). For a branch in a fork, give head as "fork-owner:branch". GitHub refuses (invalid input) when the branch has no new commits or a pull request for it is already open; check with list_pull_requests.
Returns the created pull request: id, number, title, state, html_url, user, head, base, draft, merged, created_at.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    title: z.string().trim().min(1).max(256).describe('Pull request title'),
    head: refField.describe('Branch with the changes, e.g. "feature-x", or "owner:feature-x" from a fork'),
    base: refField.describe('Branch to merge into, e.g. "main"'),
    body: z
      .string()
      .max(65_536)
      .optional()
      .describe('Description in GitHub Markdown; "Fixes #12" closes issue 12 on merge'),
    draft: z.boolean().optional().describe('Open as a draft that cannot be merged yet'),
    maintainer_can_modify: z.boolean().optional().describe('Let maintainers push to the head branch (forks only)'),
  }),
  output: pullRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.pulls.create({
      owner: input.owner,
      repo: input.repo,
      title: input.title,
      head: input.head,
      base: input.base,
      body: input.body,
      draft: input.draft,
      maintainer_can_modify: input.maintainer_can_modify,
    });
    return toPullRecord(data);
  },
});
