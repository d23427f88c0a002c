/** The fake GitHub's review routes: reviews, review comments and review requests of a pull request. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { pullJson } from './fake-github-git-data.js';
import { type FakeGitHubKit, same } from './fake-github-kit.js';
import { gitHubError } from './fake-github-responses.js';
import {
  type GitHubReview,
  type GitHubTeam,
  makeReview,
  makeReviewComment,
  withoutPullNumber,
} from './fake-github-review-data.js';

export const REVIEW_ROUTES = {
  listReviews: 'GET /repos/:owner/:repo/pulls/:pull_number/reviews',
  createReview: 'POST /repos/:owner/:repo/pulls/:pull_number/reviews',
  listReviewComments: 'GET /repos/:owner/:repo/pulls/:pull_number/comments',
  requestReviewers: 'POST /repos/:owner/:repo/pulls/:pull_number/requested_reviewers',
} as const;

const EVENT_STATES: Record<string, GitHubReview['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

/** GitHub's 422 for review problems: `errors` is a list of sentences, not field objects. */
function unprocessable(...errors: string[]) {
  return {
    status: 422,
    json: { message: 'Unprocessable Entity', errors, documentation_url: 'https://docs.github.com/rest', status: '422' },
  };
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

interface LineComment {
  path?: unknown;
  line?: unknown;
  side?: unknown;
  start_line?: unknown;
  body?: unknown;
}

export function reviewRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;
  const pullOf = (request: FakeRequest) =>
    kit.isMain(request) ? seed.pulls.find((pull) => String(pull.number) === request.params.pull_number) : undefined;
  let nextReviewId = 80_500_000;
  let nextCommentId = 90_500_000;

  return {
    [REVIEW_ROUTES.listReviews]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      return kit.listed(
        request,
        seed.reviews.filter((review) => review.pull_number === pull.number).map(withoutPullNumber),
      );
    },
    [REVIEW_ROUTES.listReviewComments]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      const since = request.query.get('since');
      const comments = seed.reviewComments
        .filter((comment) => comment.pull_number === pull.number)
        .filter((comment) => !since || Date.parse(comment.updated_at) >= Date.parse(since))
        .map(withoutPullNumber);
      return kit.listed(request, comments);
    },
    [REVIEW_ROUTES.createReview]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as { event?: unknown; body?: unknown; comments?: unknown; commit_id?: unknown };
      const state = typeof body.event === 'string' ? EVENT_STATES[body.event] : 'PENDING';
      if (!state) return unprocessable(`Invalid event ${String(body.event)}`);
      const comments = (Array.isArray(body.comments) ? body.comments : []) as LineComment[];
      const text = typeof body.body === 'string' ? body.body : '';
      const own = same(pull.user.login, seed.user.login);
      if (own && state === 'APPROVED') return unprocessable('Can not approve your own pull request');
      if (own && state === 'CHANGES_REQUESTED')
        return unprocessable('Can not request changes on your own pull request');
      if ((state === 'CHANGES_REQUESTED' || state === 'COMMENTED') && text === '' && comments.length === 0) {
        return unprocessable(`Review Comment body is required for ${body.event} events`);
      }
      for (const comment of comments) {
        if (typeof comment.path !== 'string' || !pull.diff.includes(`diff --git a/${comment.path} `)) {
          return unprocessable('Pull request review thread path could not be resolved');
        }
        if (typeof comment.line !== 'number' || typeof comment.body !== 'string' || comment.body === '') {
          return unprocessable('Pull request review thread line must be part of the diff');
        }
      }
      if (body.commit_id !== undefined && body.commit_id !== pull.head.sha) {
        return unprocessable('Commit is not part of the pull request');
      }
      const review = makeReview({
        api,
        pull,
        id: ++nextReviewId,
        user: seed.user,
        state,
        body: text,
        submittedAt: now(),
      });
      seed.reviews.push(review);
      for (const comment of comments) {
        seed.reviewComments.push(
          makeReviewComment({
            api,
            pull,
            id: ++nextCommentId,
            user: seed.user,
            reviewId: review.id,
            path: String(comment.path),
            line: Number(comment.line),
            side: comment.side === 'LEFT' ? 'LEFT' : 'RIGHT',
            startLine: typeof comment.start_line === 'number' ? comment.start_line : undefined,
            body: String(comment.body),
            createdAt: review.submitted_at,
          }),
        );
      }
      return kit.ok(withoutPullNumber(review));
    },
    [REVIEW_ROUTES.requestReviewers]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as { reviewers?: unknown; team_reviewers?: unknown };
      const logins = Array.isArray(body.reviewers) ? body.reviewers.map(String) : [];
      const slugs = Array.isArray(body.team_reviewers) ? body.team_reviewers.map(String) : [];
      if (logins.some((login) => same(login, pull.user.login))) {
        return unprocessable('Review cannot be requested from pull request author.');
      }
      if (logins.some((login) => !seed.collaborators.some((collaborator) => same(collaborator, login)))) {
        return unprocessable(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${fullName} repository.`,
        );
      }
      for (const login of logins) {
        if (pull.requested_reviewers.some((account) => same(account.login, login))) continue;
        const account = same(login, seed.reviewer.login) ? seed.reviewer : kit.accountOf(login);
        pull.requested_reviewers.push(
          account ?? { ...seed.reviewer, login, id: 700 + pull.requested_reviewers.length },
        );
      }
      for (const slug of slugs) {
        if (pull.requested_teams.some((team) => team.slug === slug)) continue;
        pull.requested_teams.push(team(api, seed.owner, slug, 800 + pull.requested_teams.length));
      }
      return kit.ok(pullJson(pull, false), {}, 201);
    },
  };
}

function team(api: string, org: string, slug: string, id: number): GitHubTeam {
  return {
    id,
    node_id: `T_kwDO${id}`,
    url: `${api}/organizations/9000001/team/${id}`,
    html_url: `https://github.com/orgs/${org}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    permission: 'pull',
    members_url: `${api}/organizations/9000001/team/${id}/members{/member}`,
    repositories_url: `${api}/organizations/9000001/team/${id}/repos`,
    parent: null,
  };
}
