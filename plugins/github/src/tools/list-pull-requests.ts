import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { pullRecord, toPullRecord } from '../normalize-pulls.js';

export const listPullRequests = defineTool({
  name: 'list_pull_requests',
  description: `Lists the pull requests of one GitHub repository, newest first, following pages up to the server's record limit.
Use it to see what is open for review, find the pull request for a branch (head = "owner:branch"), or list what went into a branch (base). To search pull requests by text or author across repositories, use search_issues with "is:pr".
Returns one record per pull request: id, number, title, state, html_url, user, head, base, draft, merged, created_at. Use get_pull_request for its text and merge state, get_pull_request_diff for the changes.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    state: z.enum(['open', 'closed', 'all']).default('open').describe('Which pull requests; default open'),
    head: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+:.+$/)
      .optional()
      .describe('Only pull requests from this branch, as "owner:branch"'),
    base: z.string().min(1).max(255).optional().describe('Only pull requests into this branch, e.g. "main"'),
    sort: z
      .enum(['created', 'updated', 'popularity', 'long-running'])
      .optional()
      .describe('Sort field; default created'),
    direction: z.enum(['asc', 'desc']).optional().describe('Sort direction; default desc'),
  }),
  output: pullRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      head: input.head,
      base: input.base,
      sort: input.sort,
      direction: input.direction,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toPullRecord);
  },
});
