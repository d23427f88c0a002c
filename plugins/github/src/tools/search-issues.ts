import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { issueRecord, toIssueRecord } from '../normalize.js';

export const searchIssues = defineTool({
  name: 'search_issues',
  description: `Searches issues and pull requests across GitHub with GitHub's search syntax, following pages up to the server's record limit (GitHub itself stops at 1,000 results).
Use it to find issues by text, author, label or state in any repositories the account can see, e.g. q = "repo:octo-org/hello-world is:issue is:open crash", "is:issue author:octocat", "org:octo-org label:bug". Add is:issue to leave pull requests out.
Returns one record per match: id, number, title, state, html_url, user, labels, comments, created_at.`,
  input: z.object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .describe('GitHub search query: keywords plus qualifiers such as repo:, is:, label:'),
    sort: z
      .enum(['comments', 'reactions', 'interactions', 'created', 'updated'])
      .optional()
      .describe('Sort field; default best match'),
    order: z.enum(['asc', 'desc']).optional().describe('Sort direction when sort is given; default desc'),
  }),
  output: issueRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    // Octokit's paginator unwraps { total_count, incomplete_results, items } to the items of each page.
    const pages = octokit.paginate.iterator(octokit.rest.search.issuesAndPullRequests, {
      q: input.q,
      sort: input.sort,
      order: input.order,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toIssueRecord);
  },
});
