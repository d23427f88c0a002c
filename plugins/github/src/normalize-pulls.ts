import { z } from '@mcpist/plugin-sdk';
import { requestedReviewers } from './normalize-reviews.js';

/**
 * Normalized pull request records (DESIGN §3): the issue fields plus where
 * the change goes (head → base) and whether it is merged.
 */

/** One pull request as list and create tools return it. */
export const pullRecord = z.object({
  id: z.number().describe('GitHub database id of the pull request'),
  number: z.number().describe('Pull request number; use it with get_pull_request, get_pull_request_diff, merge'),
  title: z.string(),
  state: z.string().describe('open or closed (a merged pull request is closed with merged true)'),
  html_url: z.string().describe('Link to the pull request on GitHub'),
  user: z.string().nullable().describe('Login of the author'),
  head: z.string().describe('Branch with the changes'),
  base: z.string().describe('Branch the changes go into'),
  draft: z.boolean(),
  merged: z.boolean(),
  created_at: z.string(),
});

/** One pull request with its text and merge state, as get_pull_request returns it. */
export const pullDetailRecord = pullRecord.extend({
  body: z.string().nullable().describe('Description in Markdown; null when empty'),
  head_sha: z.string().describe('Commit the head branch points at; pass it as sha to merge_pull_request'),
  mergeable: z.boolean().nullable().describe('Whether GitHub can merge it; null while GitHub is still computing'),
  mergeable_state: z.string().nullable().describe('clean, dirty (conflicts), blocked, behind, unstable, unknown…'),
  commits: z.number().nullable(),
  additions: z.number().nullable(),
  deletions: z.number().nullable(),
  changed_files: z.number().nullable(),
  merged_at: z.string().nullable(),
  updated_at: z.string(),
  requested_reviewers: z.string().describe('Logins asked to review and not yet reviewed, comma-separated'),
  requested_teams: z.string().describe('Team slugs asked to review, comma-separated'),
});

/** The result of a merge. */
export const mergeRecord = z.object({
  merged: z.boolean(),
  sha: z.string().describe('The merge, squash or rebase commit on the base branch'),
  message: z.string(),
  pull_number: z.number(),
  merge_method: z.string(),
});

export type PullRecord = z.output<typeof pullRecord>;
export type PullDetailRecord = z.output<typeof pullDetailRecord>;

/** The fields of GitHub's pull request object we read (listing items and the full object both fit). */
export interface GitHubPull {
  id: number;
  number: number;
  title: string;
  state: string;
  html_url: string;
  user?: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  draft?: boolean;
  body?: string | null;
  merged?: boolean;
  merged_at?: string | null;
  mergeable?: boolean | null;
  mergeable_state?: string;
  commits?: number;
  additions?: number;
  deletions?: number;
  changed_files?: number;
  requested_reviewers?: ReadonlyArray<{ login: string }> | null;
  requested_teams?: ReadonlyArray<{ slug: string }> | null;
  created_at: string;
  updated_at: string;
}

export function toPullRecord(pull: GitHubPull): PullRecord {
  return {
    id: pull.id,
    number: pull.number,
    title: pull.title,
    state: pull.state,
    html_url: pull.html_url,
    user: pull.user?.login ?? null,
    head: pull.head.ref,
    base: pull.base.ref,
    draft: pull.draft ?? false,
    // Listings carry no `merged` flag; `merged_at` says the same.
    merged: pull.merged ?? (pull.merged_at !== undefined && pull.merged_at !== null),
    created_at: pull.created_at,
  };
}

export function toPullDetailRecord(pull: GitHubPull): PullDetailRecord {
  const requested = requestedReviewers(pull);
  return {
    ...toPullRecord(pull),
    body: pull.body ?? null,
    head_sha: pull.head.sha,
    mergeable: pull.mergeable ?? null,
    mergeable_state: pull.mergeable_state ?? null,
    commits: pull.commits ?? null,
    additions: pull.additions ?? null,
    deletions: pull.deletions ?? null,
    changed_files: pull.changed_files ?? null,
    merged_at: pull.merged_at ?? null,
    updated_at: pull.updated_at,
    requested_reviewers: requested.users,
    requested_teams: requested.teams,
  };
}
