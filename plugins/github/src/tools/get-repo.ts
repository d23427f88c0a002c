import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { repoDetailRecord, toRepoDetailRecord } from '../normalize-git.js';

export const getRepo = defineTool({
  name: 'get_repo',
  description: `Reads one GitHub repository's facts: default branch, visibility, language, stars, forks, open issue count, topics, whether it is archived or a fork.
Use it before creating a pull request (to learn the default branch) or when the user asks about a repository itself; use list_repos to find repositories.
Returns one record: id, name, full_name, html_url, private, description, updated_at, default_branch, language, archived, fork, stargazers_count, forks_count, open_issues_count, topics, pushed_at.`,
  input: z.object({ owner: ownerField, repo: repoField }),
  output: repoDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.repos.get({ owner: input.owner, repo: input.repo });
    return toRepoDetailRecord(data);
  },
});
