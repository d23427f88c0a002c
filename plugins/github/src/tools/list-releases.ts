import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { releaseRecord, toReleaseRecord } from '../normalize-releases.js';

export const listReleases = defineTool({
  name: 'list_releases',
  description: `Lists the releases of a GitHub repository, newest first (drafts only if the account can push), following pages up to the server's record limit.
Use it to see which versions exist and when they shipped; for the current version with its release notes use get_latest_release.
Returns one record per release: id, tag_name, name, draft, prerelease, author, published_at, html_url.`,
  input: z.object({ owner: ownerField, repo: repoField }),
  output: releaseRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.repos.listReleases, {
      owner: input.owner,
      repo: input.repo,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toReleaseRecord);
  },
});
