/**
 * What the fake GitHub's route modules share: the seed data and helpers that
 * answer like GitHub (rate-limit headers, `Link` pagination).
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';
import type { GitHubAccount, GitHubIssue, GitHubRepo } from './fake-github-data.js';
import type { FakeGitHubDepthSeed } from './fake-github-depth-seed.js';
import type { GitHubComment, GitHubCommit, GitHubPull } from './fake-github-git-data.js';

/** The data the fake serves; mutable, so tests may add or change records. */
export interface FakeGitHubSeed extends FakeGitHubDepthSeed {
  login: string;
  owner: string;
  repo: string;
  user: GitHubAccount;
  org: GitHubAccount;
  /** Issues and pull requests of `owner/repo`, in creation order. `create_issue` appends here. */
  issues: GitHubIssue[];
  /** `owner/repo` first, then the user's repositories. `delete_repository` removes from here. */
  repos: GitHubRepo[];
  /** Pull requests of `owner/repo`; each also has its issue in `issues`. `diff` is what the diff media type serves. */
  pulls: GitHubPull[];
  /** Issue comments of `owner/repo`, oldest first. */
  comments: GitHubComment[];
  /** Commits of `owner/repo`, newest first. */
  commits: GitHubCommit[];
  /** Branch names of `owner/repo`. */
  branches: string[];
  /** Files of `owner/repo` on its default branch, by path; `Uint8Array` for binary files. */
  files: Record<string, string | Uint8Array>;
}

/** Helpers a route module gets from the fake. */
export interface FakeGitHubKit {
  /** The fake's base URL. */
  api: string;
  /** `owner/repo`, the repository with issues, pulls, commits and files. */
  fullName: string;
  seed: FakeGitHubSeed;
  /** A JSON answer with GitHub's rate-limit headers. */
  ok(json: unknown, headers?: Record<string, string>, status?: number): FakeResponse;
  /** One page of `items` with GitHub's `Link` header. */
  listed(request: FakeRequest, items: unknown[]): FakeResponse;
  /** The seeded repository named by `:owner/:repo`, if any. */
  repoOf(request: FakeRequest): GitHubRepo | undefined;
  /** True when `:owner/:repo` names `fullName`. */
  isMain(request: FakeRequest): boolean;
  accountOf(login: string): GitHubAccount | undefined;
}

export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
