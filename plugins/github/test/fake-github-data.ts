/**
 * Seed objects for the fake GitHub, shaped like the REST API's documented
 * responses (API version 2022-11-28), trimmed to the fields clients commonly
 * read. `api` is the fake's base URL, so `url` fields point back at it.
 */

/** A user or organization as GitHub embeds it (`simple-user`). */
export interface GitHubAccount {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  url: string;
  html_url: string;
  type: 'User' | 'Organization';
  site_admin: boolean;
}

export interface GitHubLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

/** An issue; pull requests are issues with a `pull_request` key. */
export interface GitHubIssue {
  id: number;
  node_id: string;
  url: string;
  repository_url: string;
  html_url: string;
  number: number;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | null;
  title: string;
  body: string | null;
  user: GitHubAccount;
  labels: GitHubLabel[];
  assignee: GitHubAccount | null;
  assignees: GitHubAccount[];
  locked: boolean;
  comments: number;
  author_association: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pull_request?: { url: string; html_url: string; diff_url: string; patch_url: string; merged_at: string | null };
}

export interface GitHubRepo {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  private: boolean;
  visibility: 'public' | 'private';
  owner: GitHubAccount;
  html_url: string;
  description: string | null;
  fork: boolean;
  url: string;
  default_branch: string;
  language: string | null;
  archived: boolean;
  topics: string[];
  stargazers_count: number;
  watchers_count: number;
  forks_count: number;
  open_issues_count: number;
  created_at: string;
  updated_at: string;
  pushed_at: string;
}

const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** A timestamp `hours` after the seed epoch, in GitHub's format (no milliseconds). */
export function seedTime(hours: number): string {
  return new Date(EPOCH + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

export function makeAccount(api: string, login: string, id: number, type: GitHubAccount['type']): GitHubAccount {
  return {
    login,
    id,
    node_id: nodeId(type === 'User' ? 'U' : 'O', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    url: `${api}/users/${login}`,
    html_url: `https://github.com/${login}`,
    type,
    site_admin: false,
  };
}

/** A stable id per label name, so one label has one id on every issue. */
export function labelId(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000;
  return 3_000_000 + hash;
}

export function makeLabel(api: string, fullName: string, name: string, id: number): GitHubLabel {
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${api}/repos/${fullName}/labels/${encodeURIComponent(name)}`,
    name,
    color: name === 'bug' ? 'd73a4a' : 'a2eeef',
    default: true,
    description: null,
  };
}

export interface IssueSeed {
  api: string;
  fullName: string;
  number: number;
  author: GitHubAccount;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  labels?: string[];
  assignees?: GitHubAccount[];
  pullRequest?: boolean;
}

export function makeIssue(seed: IssueSeed): GitHubIssue {
  const { api, fullName, number } = seed;
  const id = 2_000_000 + number;
  const kind = seed.pullRequest ? 'pull' : 'issues';
  const state = seed.state ?? 'open';
  const assignees = seed.assignees ?? [];
  const issue: GitHubIssue = {
    id,
    node_id: nodeId(seed.pullRequest ? 'PR' : 'I', id),
    url: `${api}/repos/${fullName}/issues/${number}`,
    repository_url: `${api}/repos/${fullName}`,
    html_url: `https://github.com/${fullName}/${kind}/${number}`,
    number,
    state,
    state_reason: state === 'closed' ? 'completed' : null,
    title: seed.title ?? `${seed.pullRequest ? 'Pull request' : 'Issue'} ${number}`,
    body: seed.body === undefined ? `Body of #${number}.` : seed.body,
    user: seed.author,
    labels: (seed.labels ?? []).map((name) => makeLabel(api, fullName, name, labelId(name))),
    assignee: assignees[0] ?? null,
    assignees,
    locked: false,
    comments: number % 4,
    author_association: 'OWNER',
    created_at: seedTime(number),
    updated_at: seedTime(number + 1),
    closed_at: state === 'closed' ? seedTime(number + 1) : null,
  };
  if (seed.pullRequest) {
    issue.pull_request = {
      url: `${api}/repos/${fullName}/pulls/${number}`,
      html_url: `https://github.com/${fullName}/pull/${number}`,
      diff_url: `https://github.com/${fullName}/pull/${number}.diff`,
      patch_url: `https://github.com/${fullName}/pull/${number}.patch`,
      merged_at: null,
    };
  }
  return issue;
}

export function makeRepo(api: string, owner: GitHubAccount, name: string, id: number, isPrivate = false): GitHubRepo {
  const fullName = `${owner.login}/${name}`;
  return {
    id,
    node_id: nodeId('R', id),
    name,
    full_name: fullName,
    private: isPrivate,
    visibility: isPrivate ? 'private' : 'public',
    owner,
    html_url: `https://github.com/${fullName}`,
    description: `The ${name} repository`,
    fork: false,
    url: `${api}/repos/${fullName}`,
    default_branch: 'main',
    language: 'TypeScript',
    archived: false,
    topics: [],
    stargazers_count: id % 50,
    watchers_count: id % 50,
    forks_count: id % 7,
    open_issues_count: 0,
    created_at: seedTime(-1000 + (id % 1000)),
    updated_at: seedTime(id % 1000),
    pushed_at: seedTime(id % 1000),
  };
}
