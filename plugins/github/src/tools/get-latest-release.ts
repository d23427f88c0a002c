import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { releaseDetailRecord, toReleaseDetailRecord } from '../normalize-releases.js';

export const getLatestRelease = defineTool({
  name: 'get_latest_release',
  description: `Reads the latest published release of a GitHub repository (not a draft, not a prerelease) with its release notes and assets.
Use it to answer "what is the current version of X?" or "what changed in the last release?". Fails with not found when the repository has no published release; list_releases shows drafts, prereleases and older versions.
Returns one record: id, tag_name, name, draft, prerelease, author, published_at, html_url, body, target_commitish, created_at, assets.`,
  input: z.object({ owner: ownerField, repo: repoField }),
  output: releaseDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.repos.getLatestRelease({ owner: input.owner, repo: input.repo });
    return toReleaseDetailRecord(data);
  },
});
