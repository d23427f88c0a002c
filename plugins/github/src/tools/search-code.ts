import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { codeResultRecord, toCodeResultRecord } from '../normalize-git.js';

export const searchCode = defineTool({
  name: 'search_code',
  description: `Searches files on GitHub's default branches with GitHub's code search syntax, following pages up to the server's record limit (GitHub stops at 1,000 results and allows about 10 code searches a minute).
Use it to find where something is defined or used: q = "createOctokit repo:octo-org/hello-world", "TODO extension:ts org:octo-org", "filename:Dockerfile repo:octo-org/api", "path:src/ language:typescript useState". Narrow with repo:, org: or user: when you can.
Returns one record per file: repository, path, name, sha, html_url. Read a match with get_file_contents.`,
  input: z.object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .describe('Search terms plus qualifiers such as repo:, org:, path:, language:, extension:'),
  }),
  output: codeResultRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    // Octokit's paginator unwraps { total_count, incomplete_results, items } to the items of each page.
    const pages = octokit.paginate.iterator(octokit.rest.search.code, { q: input.q, per_page: pageSize(ctx) });
    return collectRecords(pages, ctx.limits.maxRecords, toCodeResultRecord);
  },
});
