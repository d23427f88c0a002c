/**
 * Seed objects for the fake GitHub's pull request reviews and review
 * comments, shaped like the REST API's documented `pull-request-review` and
 * `pull-request-review-comment` (API version 2022-11-28).
 */
import { type GitHubAccount, seedTime } from './fake-github-data.js';
import type { GitHubPull } from './fake-github-git-data.js';

/** A team as pull requests list it in `requested_teams`. */
export interface GitHubTeam {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  name: string;
  slug: string;
  description: string | null;
  privacy: string;
  permission: string;
  members_url: string;
  repositories_url: string;
  parent: null;
}

/** A pull request review. */
export interface GitHubReview {
  id: number;
  node_id: string;
  user: GitHubAccount;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  html_url: string;
  pull_request_url: string;
  author_association: string;
  _links: { html: { href: string }; pull_request: { href: string } };
  submitted_at: string;
  commit_id: string;
  /** Not part of GitHub's JSON: the pull request it belongs to. */
  pull_number: number;
}

/** A comment on a line of a pull request's diff. */
export interface GitHubReviewComment {
  url: string;
  pull_request_review_id: number | null;
  id: number;
  node_id: string;
  diff_hunk: string;
  path: string;
  position: number;
  original_position: number;
  commit_id: string;
  original_commit_id: string;
  in_reply_to_id?: number;
  user: GitHubAccount;
  body: string;
  created_at: string;
  updated_at: string;
  html_url: string;
  pull_request_url: string;
  author_association: string;
  _links: { self: { href: string }; html: { href: string }; pull_request: { href: string } };
  start_line: number | null;
  original_start_line: number | null;
  start_side: 'LEFT' | 'RIGHT' | null;
  line: number;
  original_line: number;
  side: 'LEFT' | 'RIGHT';
  subject_type: 'line' | 'file';
  /** Not part of GitHub's JSON: the pull request it belongs to. */
  pull_number: number;
}

const REVIEW_STATES: GitHubReview['state'][] = ['COMMENTED', 'CHANGES_REQUESTED', 'APPROVED'];

export interface ReviewSeed {
  api: string;
  pull: GitHubPull;
  id: number;
  user: GitHubAccount;
  state?: GitHubReview['state'];
  body?: string;
  submittedAt?: string;
}

export function makeReview(seed: ReviewSeed): GitHubReview {
  const { api, pull, id } = seed;
  const fullName = pull.base.repo.full_name;
  const html = `https://github.com/${fullName}/pull/${pull.number}#pullrequestreview-${id}`;
  const pullUrl = `${api}/repos/${fullName}/pulls/${pull.number}`;
  return {
    id,
    node_id: `PRR_kwDO${id}`,
    user: seed.user,
    body: seed.body ?? `Review ${id % 1000} of #${pull.number}.`,
    state: seed.state ?? (REVIEW_STATES[id % REVIEW_STATES.length] as GitHubReview['state']),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: 'COLLABORATOR',
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: seed.submittedAt ?? seedTime(300 + (id % 1000)),
    commit_id: pull.head.sha,
    pull_number: pull.number,
  };
}

export interface ReviewCommentSeed {
  api: string;
  pull: GitHubPull;
  id: number;
  user: GitHubAccount;
  reviewId: number | null;
  path?: string;
  line?: number;
  side?: 'LEFT' | 'RIGHT';
  startLine?: number;
  body?: string;
  inReplyTo?: number;
  createdAt?: string;
}

export function makeReviewComment(seed: ReviewCommentSeed): GitHubReviewComment {
  const { api, pull, id } = seed;
  const fullName = pull.base.repo.full_name;
  const url = `${api}/repos/${fullName}/pulls/comments/${id}`;
  const html = `https://github.com/${fullName}/pull/${pull.number}#discussion_r${id}`;
  const pullUrl = `${api}/repos/${fullName}/pulls/${pull.number}`;
  const line = seed.line ?? 2;
  const created = seed.createdAt ?? seedTime(400 + (id % 1000));
  const comment: GitHubReviewComment = {
    url,
    pull_request_review_id: seed.reviewId,
    id,
    node_id: `PRRC_kwDO${id}`,
    diff_hunk: `@@ -1,2 +1,2 @@\n line one\n-old line of #${pull.number}\n+new line of #${pull.number}`,
    path: seed.path ?? 'src/index.ts',
    position: line + 1,
    original_position: line + 1,
    commit_id: pull.head.sha,
    original_commit_id: pull.head.sha,
    user: seed.user,
    body: seed.body ?? `Line comment ${id % 1000} on #${pull.number}.`,
    created_at: created,
    updated_at: created,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: 'COLLABORATOR',
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    start_line: seed.startLine ?? null,
    original_start_line: seed.startLine ?? null,
    start_side: seed.startLine === undefined ? null : (seed.side ?? 'RIGHT'),
    line,
    original_line: line,
    side: seed.side ?? 'RIGHT',
    subject_type: 'line',
    pull_number: pull.number,
  };
  if (seed.inReplyTo !== undefined) comment.in_reply_to_id = seed.inReplyTo;
  return comment;
}

/** A review or review comment without the fake's bookkeeping field, as GitHub sends it. */
export function withoutPullNumber<T extends { pull_number: number }>(item: T): Omit<T, 'pull_number'> {
  const { pull_number: _number, ...json } = item;
  return json;
}
