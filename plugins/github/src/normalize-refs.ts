import { z } from '@mcpist/plugin-sdk';

/**
 * Normalized records for branches and file commits (DESIGN §3): the branch
 * name with the commit it points at, and what a commit through the contents
 * API produced.
 */

/** One branch. */
export const branchRecord = z.object({
  name: z.string().describe('Branch name; pass it as ref, sha, head or base to other tools'),
  sha: z.string().describe('Commit the branch points at'),
  protected: z.boolean().describe('Whether branch protection rules apply (pushes may need a pull request)'),
});

/** A branch create_branch made. */
export const createdBranchRecord = z.object({
  name: z.string(),
  ref: z.string().describe('Full git ref, refs/heads/<name>'),
  sha: z.string().describe('Commit the new branch points at'),
  from: z.string().describe('Branch or commit sha it was created from'),
});

/** The commit create_or_update_file made. */
export const fileCommitRecord = z.object({
  path: z.string(),
  branch: z.string().nullable().describe('Branch committed to; null for the default branch'),
  created: z.boolean().describe('true when the file is new, false when it replaced an existing file'),
  sha: z.string().describe('Blob sha of the new content; pass it as sha to update this file again'),
  commit_sha: z.string(),
  commit_url: z.string().describe('Link to the commit on GitHub'),
  html_url: z.string().nullable().describe('Link to the file on GitHub'),
});

export type BranchRecord = z.output<typeof branchRecord>;
export type FileCommitRecord = z.output<typeof fileCommitRecord>;

/** The fields of GitHub's `short-branch` we read. */
export interface GitHubBranch {
  name: string;
  commit: { sha: string };
  protected: boolean;
}

/** The fields of GitHub's `file-commit` we read. */
export interface GitHubFileCommit {
  content: { path?: string; sha?: string; html_url?: string } | null;
  commit: { sha?: string; html_url?: string };
}

export function toBranchRecord(branch: GitHubBranch): BranchRecord {
  return { name: branch.name, sha: branch.commit.sha, protected: branch.protected };
}

export function toFileCommitRecord(
  data: GitHubFileCommit,
  request: { path: string; branch?: string; created: boolean },
): FileCommitRecord {
  return {
    path: data.content?.path ?? request.path,
    branch: request.branch ?? null,
    created: request.created,
    sha: data.content?.sha ?? '',
    commit_sha: data.commit.sha ?? '',
    commit_url: data.commit.html_url ?? '',
    html_url: data.content?.html_url ?? null,
  };
}
