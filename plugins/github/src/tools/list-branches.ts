import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { branchRecord, toBranchRecord } from '../normalize-refs.js';

export const listBranches = defineTool({
  name: 'list_branches',
  description: `Lists the branches of a GitHub repository with the commit each points at, following pages up to the server's record limit.
Use it to find a branch name before reading files on it (get_file_contents ref), listing its commits, opening a pull request from it, or to check that a branch exists before create_branch.
Returns one record per branch: name, sha, protected.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    protected: z.boolean().optional().describe('true: only protected branches; false: only unprotected ones'),
  }),
  output: branchRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.repos.listBranches, {
      owner: input.owner,
      repo: input.repo,
      protected: input.protected,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toBranchRecord);
  },
});
