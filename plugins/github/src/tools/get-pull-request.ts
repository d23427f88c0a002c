import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';
import { pullDetailRecord, toPullDetailRecord } from '../normalize-pulls.js';

export const getPullRequest = defineTool({
  name: 'get_pull_request',
  description: `Reads one GitHub pull request by number: its description, branches, size of the change and whether it can be merged.
Use it before reviewing or merging: mergeable/mergeable_state tell whether GitHub can merge it, head_sha is the commit to pin when merging. For the code changes themselves use get_pull_request_diff; for the conversation use list_issue_comments.
Returns one record: id, number, title, state, html_url, user, head, base, draft, merged, created_at, body, head_sha, mergeable, mergeable_state, commits, additions, deletions, changed_files, merged_at, updated_at, requested_reviewers, requested_teams (who is asked to review and has not yet; reviews given are in list_pull_request_reviews).`,
  input: z.object({ owner: ownerField, repo: repoField, pull_number: pullNumberField }),
  output: pullDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.pulls.get({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
    });
    return toPullDetailRecord(data);
  },
});
