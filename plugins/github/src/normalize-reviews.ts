import { z } from '@mcpist/plugin-sdk';

/**
 * Normalized pull request reviews, review comments and review requests
 * (DESIGN §3): who said what, on which line, at which commit.
 */

/** One review of a pull request. */
export const reviewRecord = z.object({
  id: z.number(),
  user: z.string().nullable().describe('Login of the reviewer'),
  state: z.string().describe('APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING'),
  body: z.string().describe('Review summary in Markdown; empty when none'),
  submitted_at: z.string().nullable().describe('When it was submitted; null while pending'),
  commit_id: z.string().nullable().describe('Head commit the review was made on'),
  html_url: z.string(),
});

/** One comment on a line of a pull request's diff. */
export const reviewCommentRecord = z.object({
  id: z.number(),
  review_id: z.number().nullable().describe('Review the comment belongs to'),
  in_reply_to_id: z.number().nullable().describe('Comment this one answers; null when it starts a thread'),
  user: z.string().nullable(),
  path: z.string().describe('File the comment is on'),
  line: z.number().nullable().describe('Line in the file; null when the line is no longer in the diff'),
  body: z.string(),
  created_at: z.string(),
  html_url: z.string(),
});

/** Who is asked to review a pull request. */
export const reviewRequestRecord = z.object({
  number: z.number(),
  html_url: z.string(),
  requested_reviewers: z.string().describe('Logins asked to review, comma-separated; empty when none'),
  requested_teams: z.string().describe('Team slugs asked to review, comma-separated; empty when none'),
});

export type ReviewRecord = z.output<typeof reviewRecord>;
export type ReviewCommentRecord = z.output<typeof reviewCommentRecord>;
export type ReviewRequestRecord = z.output<typeof reviewRequestRecord>;

/** The fields of GitHub's `pull-request-review` we read. */
export interface GitHubReview {
  id: number | bigint;
  user: { login: string } | null;
  state: string;
  body: string;
  submitted_at?: string;
  commit_id: string | null;
  html_url: string;
}

/** The fields of GitHub's `pull-request-review-comment` we read. */
export interface GitHubReviewComment {
  id: number | bigint;
  pull_request_review_id: number | bigint | null;
  in_reply_to_id?: number;
  user: { login: string } | null;
  path: string;
  line?: number | null;
  original_line?: number | null;
  body: string;
  created_at: string;
  html_url: string;
}

/** The fields of a pull request's review requests (full and simple pull requests both fit). */
export interface GitHubReviewRequests {
  number: number;
  html_url: string;
  requested_reviewers?: ReadonlyArray<{ login: string }> | null;
  requested_teams?: ReadonlyArray<{ slug: string }> | null;
}

export function toReviewRecord(review: GitHubReview): ReviewRecord {
  return {
    id: Number(review.id),
    user: review.user?.login ?? null,
    state: review.state,
    body: review.body ?? '',
    submitted_at: review.submitted_at ?? null,
    commit_id: review.commit_id ?? null,
    html_url: review.html_url,
  };
}

export function toReviewCommentRecord(comment: GitHubReviewComment): ReviewCommentRecord {
  return {
    id: Number(comment.id),
    review_id: comment.pull_request_review_id === null ? null : Number(comment.pull_request_review_id),
    in_reply_to_id: comment.in_reply_to_id ?? null,
    user: comment.user?.login ?? null,
    path: comment.path,
    line: comment.line ?? null,
    body: comment.body,
    created_at: comment.created_at,
    html_url: comment.html_url,
  };
}

/** Logins and team slugs, joined like labels so a pull request stays one row. */
export function requestedReviewers(pull: GitHubReviewRequests): { users: string; teams: string } {
  return {
    users: (pull.requested_reviewers ?? []).map((user) => user.login).join(', '),
    teams: (pull.requested_teams ?? []).map((team) => team.slug).join(', '),
  };
}

export function toReviewRequestRecord(pull: GitHubReviewRequests): ReviewRequestRecord {
  const { users, teams } = requestedReviewers(pull);
  return { number: pull.number, html_url: pull.html_url, requested_reviewers: users, requested_teams: teams };
}
