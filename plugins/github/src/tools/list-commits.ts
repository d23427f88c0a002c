import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, refField, repoField } from '../input-fields.js';
import { commitRecord, toCommitRecord } from '../normalize-git.js';

export const listCommits = defineTool({
  name: 'list_commits',
  description: `Lists the commits of a GitHub repository, newest first, following pages up to the server's record limit.
Use it to see recent changes on a branch, the history of one file or directory (path), someone's commits (author), or what changed in a time window (since/until).
Returns one record per commit: sha, message (first line), author (GitHub login, else git name), date, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    sha: refField.optional().describe('Branch name or commit sha to start from; default the default branch'),
    path: z.string().min(1).max(1024).optional().describe('Only commits touching this file or directory'),
    author: z.string().min(1).max(254).optional().describe('Only commits by this GitHub login or email address'),
    since: z.iso.datetime({ offset: true }).optional().describe('Only commits at or after this ISO 8601 time'),
    until: z.iso.datetime({ offset: true }).optional().describe('Only commits at or before this ISO 8601 time'),
  }),
  output: commitRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.repos.listCommits, {
      owner: input.owner,
      repo: input.repo,
      sha: input.sha,
      path: input.path,
      author: input.author,
      since: input.since,
      until: input.until,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toCommitRecord);
  },
});
