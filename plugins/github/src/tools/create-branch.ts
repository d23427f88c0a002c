import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { branchNameField, ownerField, repoField } from '../input-fields.js';
import { createdBranchRecord } from '../normalize-refs.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

export const createBranch = defineTool({
  name: 'create_branch',
  description: `Creates a new branch in a GitHub repository, starting at the head of another branch (default: the repository's default branch) or at a given commit.
Use it before committing changes with create_or_update_file and opening a pull request with create_pull_request, so the work does not land on the default branch. GitHub refuses a name that already exists.
Returns one record: name, ref (refs/heads/<name>), sha, from.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    branch: branchNameField.describe('Name of the new branch, e.g. "fix/login-timeout" (without refs/heads/)'),
    from: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe(
        'Where to start: an existing branch name (e.g. "main", "release/1.2") or a full 40-character commit sha; default the default branch',
      ),
  }),
  output: createdBranchRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { owner, repo } = input;
    let from = input.from;
    let sha: string;
    if (from !== undefined && FULL_SHA.test(from)) {
      sha = from;
    } else {
      from ??= (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
      sha = (await octokit.rest.repos.getBranch({ owner, repo, branch: from })).data.commit.sha;
    }
    const { data } = await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${input.branch}`, sha });
    return { name: input.branch, ref: data.ref, sha: data.object.sha, from };
  },
});
