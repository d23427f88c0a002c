import { z } from '@mcpist/plugin-sdk';

/** Normalized releases (DESIGN §3): the tag, its name and state, and who published it when. */

/** One release as list_releases returns it. */
export const releaseRecord = z.object({
  id: z.number(),
  tag_name: z.string().describe('Git tag, e.g. v1.2.0'),
  name: z.string().nullable().describe('Release title; null when unnamed'),
  draft: z.boolean(),
  prerelease: z.boolean(),
  author: z.string().nullable().describe('Login of the account that created it'),
  published_at: z.string().nullable().describe('null for drafts'),
  html_url: z.string(),
});

/** One release with its notes and assets, as get_latest_release returns it. */
export const releaseDetailRecord = releaseRecord.extend({
  body: z.string().nullable().describe('Release notes in Markdown'),
  target_commitish: z.string().describe('Branch or commit the tag was created from'),
  created_at: z.string(),
  assets: z.string().describe('Downloadable files as "name (size bytes)", comma-separated; empty when none'),
});

export type ReleaseRecord = z.output<typeof releaseRecord>;
export type ReleaseDetailRecord = z.output<typeof releaseDetailRecord>;

/** The fields of GitHub's `release` we read. */
export interface GitHubRelease {
  id: number;
  tag_name: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  author: { login: string } | null;
  published_at: string | null;
  created_at: string;
  html_url: string;
  body?: string | null;
  target_commitish: string;
  assets: ReadonlyArray<{ name: string; size: number }>;
}

export function toReleaseRecord(release: GitHubRelease): ReleaseRecord {
  return {
    id: release.id,
    tag_name: release.tag_name,
    name: release.name,
    draft: release.draft,
    prerelease: release.prerelease,
    author: release.author?.login ?? null,
    published_at: release.published_at,
    html_url: release.html_url,
  };
}

export function toReleaseDetailRecord(release: GitHubRelease): ReleaseDetailRecord {
  return {
    ...toReleaseRecord(release),
    body: release.body ?? null,
    target_commitish: release.target_commitish,
    created_at: release.created_at,
    assets: release.assets.map((asset) => `${asset.name} (${asset.size} bytes)`).join(', '),
  };
}
