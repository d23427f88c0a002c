import { defineTool, UpstreamPermanentError, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { truncateDiff } from '../diff-truncation.js';
import { ownerField, pullNumberField, repoField } from '../input-fields.js';

/** About 15k tokens: enough for a typical review, small enough to leave the model room to think. */
const DEFAULT_MAX_CHARS = 60_000;

export const getPullRequestDiff = defineTool({
  name: 'get_pull_request_diff',
  description: `Returns the changes of a GitHub pull request as a unified diff (the text "git diff base...head" prints), for reviewing or summarizing code changes.
Use it after get_pull_request or list_pull_requests. A diff longer than max_chars (default 60,000 characters) keeps the files that fit whole and ends with a note naming the files left out; read those with get_file_contents on the head branch.
Returns text: the diff.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    pull_number: pullNumberField,
    max_chars: z
      .number()
      .int()
      .min(1_000)
      .max(400_000)
      .default(DEFAULT_MAX_CHARS)
      .describe('Longest diff to return, in characters; default 60000'),
  }),
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    // The diff media type makes GitHub answer with the diff text instead of the pull request's JSON.
    const { data } = await octokit.rest.pulls.get({
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pull_number,
      mediaType: { format: 'diff' },
    });
    if (typeof data !== 'string') {
      throw new UpstreamPermanentError('GitHub did not answer with a diff for this pull request');
    }
    if (data === '') return 'The pull request changes no files.';
    return truncateDiff(data, input.max_chars);
  },
});
