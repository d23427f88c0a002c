import { z } from '@mcpist/plugin-sdk';
import { type GitHubRepo, repoRecord, toRepoRecord } from './normalize.js';

/**
 * Normalized records for repositories in detail, commits, comments and code
 * search results (DESIGN §3): flat fields, one TOON row per record.
 */

/** One repository with the facts get_repo adds. */
export const repoDetailRecord = repoRecord.extend({
  default_branch: z.string().describe('Branch pull requests usually target'),
  language: z.string().nullable(),
  archived: z.boolean(),
  fork: z.boolean(),
  stargazers_count: z.number(),
  forks_count: z.number(),
  open_issues_count: z.number().describe('Open issues plus open pull requests'),
  topics: z.string().describe('Topics, comma-separated; empty when none'),
  pushed_at: z.string().nullable(),
});

/** One commit. */
export const commitRecord = z.object({
  sha: z.string(),
  message: z.string().describe('First line of the commit message'),
  author: z.string().nullable().describe('GitHub login of the author, else the git author name'),
  date: z.string().describe('Author date, ISO 8601'),
  html_url: z.string(),
});

/** One issue or pull request comment. */
export const commentRecord = z.object({
  id: z.number(),
  user: z.string().nullable(),
  body: z.string().describe('Comment text in Markdown'),
  created_at: z.string(),
  html_url: z.string(),
});

/** One file found by code search. */
export const codeResultRecord = z.object({
  repository: z.string().describe('owner/name of the repository holding the file'),
  path: z.string().describe('Path of the file; read it with get_file_contents'),
  name: z.string(),
  sha: z.string().describe('Blob sha of the file'),
  html_url: z.string(),
});

export type RepoDetailRecord = z.output<typeof repoDetailRecord>;
export type CommitRecord = z.output<typeof commitRecord>;
export type CommentRecord = z.output<typeof commentRecord>;
export type CodeResultRecord = z.output<typeof codeResultRecord>;

/** The fields of GitHub's full repository object we read. */
export interface GitHubRepoDetail extends GitHubRepo {
  default_branch: string;
  language?: string | null;
  archived?: boolean;
  fork: boolean;
  stargazers_count?: number;
  forks_count?: number;
  open_issues_count?: number;
  topics?: string[];
  pushed_at?: string | null;
}

export interface GitHubCommit {
  sha: string;
  html_url: string;
  commit: { message: string; author?: { name?: string; date?: string } | null };
  author?: { login: string } | null | Record<string, never>;
}

export interface GitHubComment {
  id: number;
  user?: { login: string } | null;
  body?: string;
  created_at: string;
  html_url: string;
}

export interface GitHubCodeResult {
  name: string;
  path: string;
  sha: string;
  html_url: string;
  repository: { full_name: string };
}

export function toRepoDetailRecord(repo: GitHubRepoDetail): RepoDetailRecord {
  return {
    ...toRepoRecord(repo),
    default_branch: repo.default_branch,
    language: repo.language ?? null,
    archived: repo.archived ?? false,
    fork: repo.fork,
    stargazers_count: repo.stargazers_count ?? 0,
    forks_count: repo.forks_count ?? 0,
    open_issues_count: repo.open_issues_count ?? 0,
    topics: (repo.topics ?? []).join(', '),
    pushed_at: repo.pushed_at ?? null,
  };
}

export function toCommitRecord(commit: GitHubCommit): CommitRecord {
  const login = commit.author && 'login' in commit.author ? commit.author.login : undefined;
  return {
    sha: commit.sha,
    message: commit.commit.message.split('\n', 1)[0] ?? '',
    author: login ?? commit.commit.author?.name ?? null,
    date: commit.commit.author?.date ?? '',
    html_url: commit.html_url,
  };
}

export function toCommentRecord(comment: GitHubComment): CommentRecord {
  return {
    id: comment.id,
    user: comment.user?.login ?? null,
    body: comment.body ?? '',
    created_at: comment.created_at,
    html_url: comment.html_url,
  };
}

export function toCodeResultRecord(item: GitHubCodeResult): CodeResultRecord {
  return {
    repository: item.repository.full_name,
    path: item.path,
    name: item.name,
    sha: item.sha,
    html_url: item.html_url,
  };
}
