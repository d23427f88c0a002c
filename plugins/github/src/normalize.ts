import { z } from '@mcpist/plugin-sdk';

/**
 * Normalized records (DESIGN §3): the flat, small field sets an LLM needs,
 * instead of GitHub's nested JSON. Labels and assignees are joined into one
 * string so every record stays one row when rendered as TOON.
 */

/** One issue as list, search and create tools return it. */
export const issueRecord = z.object({
  id: z.number().describe('GitHub database id of the issue'),
  number: z.number().describe('Issue number within its repository; use it with get_issue'),
  title: z.string(),
  state: z.string().describe('open or closed'),
  html_url: z.string().describe('Link to the issue on GitHub'),
  user: z.string().nullable().describe('Login of the author; null for a deleted account'),
  labels: z.string().describe('Label names, comma-separated; empty when none'),
  comments: z.number().describe('Number of comments'),
  created_at: z.string(),
});

/** One issue with its text, as get_issue returns it. */
export const issueDetailRecord = issueRecord.extend({
  body: z.string().nullable().describe('Issue text in Markdown; null when empty'),
  assignees: z.string().describe('Assignee logins, comma-separated; empty when none'),
  updated_at: z.string(),
});

/** One repository. */
export const repoRecord = z.object({
  id: z.number(),
  name: z.string(),
  full_name: z.string().describe('owner/name, as list_issues and create_issue take it'),
  html_url: z.string(),
  private: z.boolean(),
  description: z.string().nullable(),
  updated_at: z.string().nullable(),
});

export type IssueRecord = z.output<typeof issueRecord>;
export type IssueDetailRecord = z.output<typeof issueDetailRecord>;
export type RepoRecord = z.output<typeof repoRecord>;

/** The fields of GitHub's issue object we read; Octokit's issue and search-item types both fit. */
export interface GitHubIssue {
  id: number;
  number: number;
  title: string;
  state: string;
  html_url: string;
  user?: { login: string } | null;
  labels?: ReadonlyArray<string | { name?: string | null }>;
  assignees?: ReadonlyArray<{ login: string }> | null;
  comments?: number;
  body?: string | null;
  created_at: string;
  updated_at?: string;
  pull_request?: unknown;
}

/** The fields of GitHub's repository object we read. */
export interface GitHubRepo {
  id: number;
  name: string;
  full_name: string;
  html_url: string;
  private: boolean;
  description?: string | null;
  updated_at?: string | null;
}

function labelNames(labels: GitHubIssue['labels']): string {
  return (labels ?? [])
    .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
    .filter((name) => name !== '')
    .join(', ');
}

/** True for the pull requests GitHub's issue endpoints return alongside issues. */
export function isPullRequest(issue: GitHubIssue): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

export function toIssueRecord(issue: GitHubIssue): IssueRecord {
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    state: issue.state,
    html_url: issue.html_url,
    user: issue.user?.login ?? null,
    labels: labelNames(issue.labels),
    comments: issue.comments ?? 0,
    created_at: issue.created_at,
  };
}

export function toIssueDetailRecord(issue: GitHubIssue): IssueDetailRecord {
  return {
    ...toIssueRecord(issue),
    body: issue.body ?? null,
    assignees: (issue.assignees ?? []).map((assignee) => assignee.login).join(', '),
    updated_at: issue.updated_at ?? issue.created_at,
  };
}

export function toRepoRecord(repo: GitHubRepo): RepoRecord {
  return {
    id: repo.id,
    name: repo.name,
    full_name: repo.full_name,
    html_url: repo.html_url,
    private: repo.private,
    description: repo.description ?? null,
    updated_at: repo.updated_at ?? null,
  };
}
