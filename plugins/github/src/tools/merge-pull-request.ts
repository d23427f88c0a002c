import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';
import { mergeRecord } from '../normalize-pulls.js';

export const mergePullRequest = defineTool({
  name: 'merge_pull_request',
  description: `Merges a GitHub pull request into its base branch. This changes the base branch for everyone and cannot be undone from here: only do it when the user asked for this merge.
Read the pull request with get_pull_request first and pass its head_sha as sha, so the merge fails (instead of merging unseen commits) if someone pushed in between. merge_method: merge (a merge commit, default), squash (one commit) or rebase; the repository may allow only some. GitHub refuses a pull request that is closed, a draft, conflicting or blocked by required checks.
Returns one record: merged, sha (the new commit on the base branch), message, pull_number, merge_method.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    pull_number: pullNumberField,
    merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge').describe('How to merge; default merge'),
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Head commit the pull request must still point at (head_sha from get_pull_request)'),
    commit_title: z.string().trim().min(1).max(256).optional().describe('Title of the merge or squash commit'),
    commit_message: z.string().max(65_536).optional().describe('Extra text for the merge or squash commit'),
  }),
  output: mergeRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.pulls.merge({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      merge_method: input.merge_method,
      sha: input.sha,
      commit_title: input.commit_title,
      commit_message: input.commit_message,
    });
    return {
      merged: data.merged,
      sha: data.sha,
      message: data.message,
      pull_number: input.pull_number,
      merge_method: input.merge_method,
    };
  },
});
