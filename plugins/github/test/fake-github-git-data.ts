/**
 * Seed objects for the fake GitHub's pull requests, comments, commits, files
 * and code search, shaped like the REST API's documented responses (API
 * version 2022-11-28), trimmed to the fields clients commonly read.
 */
import { createHash } from 'node:crypto';
import { type GitHubAccount, type GitHubIssue, type GitHubRepo, seedTime } from './fake-github-data.js';
import type { GitHubTeam } from './fake-github-review-data.js';

/** One side of a pull request (`head` or `base`). */
export interface GitHubBranchRef {
  label: string;
  ref: string;
  sha: string;
  user: GitHubAccount;
  repo: GitHubRepo;
}

/** A pull request as `GET /repos/{o}/{r}/pulls/{n}` returns it. */
export interface GitHubPull {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  diff_url: string;
  patch_url: string;
  issue_url: string;
  number: number;
  state: 'open' | 'closed';
  locked: boolean;
  title: string;
  body: string | null;
  user: GitHubAccount;
  labels: GitHubIssue['labels'];
  assignees: GitHubAccount[];
  draft: boolean;
  head: GitHubBranchRef;
  base: GitHubBranchRef;
  author_association: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Only on the single pull request, not in listings (as on GitHub). */
  merged: boolean;
  mergeable: boolean | null;
  mergeable_state: string;
  comments: number;
  commits: number;
  additions: number;
  deletions: number;
  changed_files: number;
  requested_reviewers: GitHubAccount[];
  requested_teams: GitHubTeam[];
  /** Not part of GitHub's JSON: the unified diff the fake serves for `Accept: application/vnd.github.diff`. */
  diff: string;
}

/** The JSON fields a listing carries: GitHub leaves `merged`, `mergeable` and the counts out of `GET /pulls`. */
export const PULL_DETAIL_ONLY = [
  'merged',
  'mergeable',
  'mergeable_state',
  'comments',
  'commits',
  'additions',
  'deletions',
  'changed_files',
] as const;

/** An issue comment. */
export interface GitHubComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: GitHubAccount;
  author_association: string;
  created_at: string;
  updated_at: string;
  /** Not part of GitHub's JSON: the issue number the comment belongs to. */
  issue_number: number;
}

/** A commit as `GET /repos/{o}/{r}/commits` lists it. */
export interface GitHubCommit {
  sha: string;
  node_id: string;
  url: string;
  html_url: string;
  comments_url: string;
  commit: {
    author: { name: string; email: string; date: string };
    committer: { name: string; email: string; date: string };
    message: string;
    tree: { sha: string; url: string };
    url: string;
    comment_count: number;
  };
  author: GitHubAccount | null;
  committer: GitHubAccount | null;
  parents: Array<{ sha: string; url: string; html_url: string }>;
  /** Not part of GitHub's JSON: the branch and paths the fake filters on. */
  branch: string;
  files: string[];
}

/** A git blob sha: sha1 of `blob <size>\0<content>`, as git computes it. */
export function blobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export interface PullSeed {
  api: string;
  repo: GitHubRepo;
  issue: GitHubIssue;
  head: string;
  base: string;
  diff: string;
}

export function makePull(seed: PullSeed): GitHubPull {
  const { api, repo, issue } = seed;
  const fullName = repo.full_name;
  const side = (ref: string): GitHubBranchRef => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha: fakeSha(`${fullName}@${ref}`),
    user: repo.owner,
    repo,
  });
  const additions = (seed.diff.match(/^\+(?!\+\+)/gm) ?? []).length;
  const deletions = (seed.diff.match(/^-(?!--)/gm) ?? []).length;
  return {
    id: 4_000_000 + issue.number,
    node_id: `PR_kwDO${issue.number}`,
    url: `${api}/repos/${fullName}/pulls/${issue.number}`,
    html_url: `https://github.com/${fullName}/pull/${issue.number}`,
    diff_url: `https://github.com/${fullName}/pull/${issue.number}.diff`,
    patch_url: `https://github.com/${fullName}/pull/${issue.number}.patch`,
    issue_url: issue.url,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    body: issue.body,
    user: issue.user,
    labels: issue.labels,
    assignees: issue.assignees,
    draft: false,
    head: side(seed.head),
    base: side(seed.base),
    author_association: 'OWNER',
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: null,
    merge_commit_sha: null,
    merged: false,
    mergeable: true,
    mergeable_state: 'clean',
    comments: issue.comments,
    commits: 1,
    additions,
    deletions,
    changed_files: (seed.diff.match(/^diff --git /gm) ?? []).length,
    requested_reviewers: [],
    requested_teams: [],
    diff: seed.diff,
  };
}

/** A small unified diff touching `files`, as `git diff` prints it. */
export function makeDiff(files: string[], number: number): string {
  return files
    .map(
      (path) =>
        `diff --git a/${path} b/${path}\n` +
        `index ${fakeSha(`${path}-old`).slice(0, 7)}..${fakeSha(`${path}-new`).slice(0, 7)} 100644\n` +
        `--- a/${path}\n+++ b/${path}\n` +
        `@@ -1,2 +1,2 @@\n line one\n-old line of #${number}\n+new line of #${number}\n`,
    )
    .join('');
}

export function makeComment(
  api: string,
  fullName: string,
  issueNumber: number,
  id: number,
  body: string,
  user: GitHubAccount,
): GitHubComment {
  return {
    id,
    node_id: `IC_kwDO${id}`,
    url: `${api}/repos/${fullName}/issues/comments/${id}`,
    html_url: `https://github.com/${fullName}/issues/${issueNumber}#issuecomment-${id}`,
    issue_url: `${api}/repos/${fullName}/issues/${issueNumber}`,
    body,
    user,
    author_association: 'OWNER',
    created_at: seedTime(issueNumber * 10 + (id % 10)),
    updated_at: seedTime(issueNumber * 10 + (id % 10)),
    issue_number: issueNumber,
  };
}

export interface CommitSeed {
  api: string;
  fullName: string;
  index: number;
  author: GitHubAccount;
  branch: string;
  files: string[];
  parent?: string;
}

export function makeCommit(seed: CommitSeed): GitHubCommit {
  const { api, fullName, index, author } = seed;
  const sha = fakeSha(`${fullName}#commit-${index}`);
  const date = seedTime(index * 2);
  const person = { name: 'The Octocat', email: `${author.login}@users.noreply.github.com`, date };
  const message = `Change ${seed.files.join(', ')} (${index})\n\nDetails of commit ${index}.`;
  return {
    sha,
    node_id: `C_kwDO${index}`,
    url: `${api}/repos/${fullName}/commits/${sha}`,
    html_url: `https://github.com/${fullName}/commit/${sha}`,
    comments_url: `${api}/repos/${fullName}/commits/${sha}/comments`,
    commit: {
      author: person,
      committer: person,
      message,
      tree: { sha: fakeSha(`tree-${index}`), url: `${api}/repos/${fullName}/git/trees/${fakeSha(`tree-${index}`)}` },
      url: `${api}/repos/${fullName}/git/commits/${sha}`,
      comment_count: 0,
    },
    author,
    committer: author,
    parents: seed.parent
      ? [
          {
            sha: seed.parent,
            url: `${api}/repos/${fullName}/commits/${seed.parent}`,
            html_url: `https://github.com/${fullName}/commit/${seed.parent}`,
          },
        ]
      : [],
    branch: seed.branch,
    files: seed.files,
  };
}

/** A commit without the fake's own bookkeeping fields, as GitHub sends it. */
export function commitJson(commit: GitHubCommit): Omit<GitHubCommit, 'branch' | 'files'> {
  const { branch: _branch, files: _files, ...json } = commit;
  return json;
}

/** A pull request as GitHub sends it: in full, or trimmed to the listing's fields. */
export function pullJson(pull: GitHubPull, detail: boolean): Record<string, unknown> {
  const { diff: _diff, ...json } = pull;
  if (detail) return json;
  const listed: Record<string, unknown> = { ...json };
  for (const key of PULL_DETAIL_ONLY) delete listed[key];
  return listed;
}

/** A comment as GitHub sends it. */
export function commentJson(comment: GitHubComment): Omit<GitHubComment, 'issue_number'> {
  const { issue_number: _number, ...json } = comment;
  return json;
}

/** The default files of the seeded repository: text, a nested directory, and one binary file. */
export function defaultFiles(repo: string): Record<string, string | Uint8Array> {
  return {
    'README.md': `# ${repo}\n\nA repository for tests. Run \`npm test\` to check it.\n`,
    'package.json': `${JSON.stringify({ name: repo, version: '1.0.0', scripts: { test: 'vitest' } }, null, 2)}\n`,
    'src/index.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
    'src/util/math.ts': 'export const add = (a: number, b: number): number => a + b;\n',
    'docs/logo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  };
}
