import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { labelsField, ownerField, repoField } from '../input-fields.js';
import { isPullRequest, issueRecord, toIssueRecord } from '../normalize.js';

export const listIssues = defineTool({
  name: 'list_issues',
  description: `Lists the issues of one GitHub repository, newest first, following pages up to the server's record limit. Pull requests are left out.
Use it to browse or filter a repository's issues by state, labels or last update; to search across repositories or by text, use search_issues instead.
Returns one record per issue: id, number, title, state, html_url, user, labels, comments, created_at. Use get_issue with the number for the full text.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    state: z.enum(['open', 'closed', 'all']).default('open').describe('Which issues; default open'),
    labels: labelsField.optional().describe('Only issues carrying all of these label names'),
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only issues updated at or after this ISO 8601 time, e.g. 2026-01-31T00:00:00Z'),
  }),
  output: issueRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      labels: input.labels?.join(','),
      since: input.since,
      per_page: pageSize(ctx),
    });
    // GitHub's issues endpoint returns pull requests too; they are not what the caller asked for.
    return collectRecords(pages, ctx.limits.maxRecords, (issue) =>
      isPullRequest(issue) ? undefined : toIssueRecord(issue),
    );
  },
});
