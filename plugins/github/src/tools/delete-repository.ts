import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';

export const deleteRepository = defineTool({
  name: 'delete_repository',
  description: `Deletes a GitHub repository with its code, issues, pull requests and wiki. This is permanent for the caller (only an organization owner can restore it, within 90 days): only do it when the user explicitly asked to delete this exact repository, and confirm owner/name with them first.
Needs admin rights on the repository (and the delete_repo scope on a classic token); otherwise GitHub refuses.
Returns one record: full_name, deleted (true).`,
  input: z.object({ owner: ownerField, repo: repoField }),
  output: z.object({ full_name: z.string(), deleted: z.boolean() }),
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    await octokit.rest.repos.delete({ owner: input.owner, repo: input.repo });
    return { full_name: `${input.owner}/${input.repo}`, deleted: true };
  },
});
