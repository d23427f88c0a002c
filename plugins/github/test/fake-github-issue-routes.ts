/** The fake GitHub's issue edit and comment routes. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { makeAccount, makeLabel } from './fake-github-data.js';
import { commentJson, makeComment } from './fake-github-git-data.js';
import type { FakeGitHubKit } from './fake-github-kit.js';
import { gitHubError, validationFailed } from './fake-github-responses.js';

export const ISSUE_ROUTES = {
  updateIssue: 'PATCH /repos/:owner/:repo/issues/:issue_number',
  listComments: 'GET /repos/:owner/:repo/issues/:issue_number/comments',
  createComment: 'POST /repos/:owner/:repo/issues/:issue_number/comments',
} as const;

const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'];

export function issueRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;
  const issueOf = (request: FakeRequest) =>
    kit.isMain(request)
      ? seed.issues.find((candidate) => String(candidate.number) === request.params.issue_number)
      : undefined;
  let nextCommentId = 7_000_000 + seed.comments.length;

  return {
    [ISSUE_ROUTES.updateIssue]: (request) => {
      const issue = issueOf(request);
      if (!issue) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as Record<string, unknown>;
      if ('title' in body && (typeof body.title !== 'string' || body.title === '')) {
        return validationFailed('Issue', 'title', 'invalid');
      }
      if ('state' in body && body.state !== 'open' && body.state !== 'closed') {
        return validationFailed('Issue', 'state', 'invalid');
      }
      if ('state_reason' in body && !STATE_REASONS.includes(String(body.state_reason))) {
        return validationFailed('Issue', 'state_reason', 'invalid');
      }
      if (typeof body.title === 'string') issue.title = body.title;
      if ('body' in body) issue.body = typeof body.body === 'string' ? body.body : null;
      if (body.state === 'open' || body.state === 'closed') {
        issue.state = body.state;
        issue.closed_at = body.state === 'closed' ? new Date().toISOString().replace(/\.\d+Z$/, 'Z') : null;
        issue.state_reason = body.state === 'closed' ? 'completed' : 'reopened';
      }
      if (typeof body.state_reason === 'string') issue.state_reason = body.state_reason as typeof issue.state_reason;
      if (Array.isArray(body.labels)) {
        issue.labels = body.labels.map((name, i) => makeLabel(api, fullName, String(name), 3_500_000 + i));
      }
      if (Array.isArray(body.assignees)) {
        issue.assignees = body.assignees.map(
          (login, i) => kit.accountOf(String(login)) ?? makeAccount(api, String(login), 600 + i, 'User'),
        );
        issue.assignee = issue.assignees[0] ?? null;
      }
      issue.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const pull = seed.pulls.find((candidate) => candidate.number === issue.number);
      if (pull) Object.assign(pull, { title: issue.title, body: issue.body, state: issue.state });
      return kit.ok(issue);
    },
    [ISSUE_ROUTES.listComments]: (request) => {
      const issue = issueOf(request);
      if (!issue) return gitHubError(404, 'Not Found');
      const since = request.query.get('since');
      const comments = seed.comments
        .filter((comment) => comment.issue_number === issue.number)
        .filter((comment) => !since || Date.parse(comment.updated_at) >= Date.parse(since))
        .map(commentJson);
      return kit.listed(request, comments);
    },
    [ISSUE_ROUTES.createComment]: (request) => {
      const issue = issueOf(request);
      if (!issue) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as { body?: unknown };
      if (typeof body.body !== 'string' || body.body === '') return validationFailed('IssueComment', 'body', 'missing');
      const comment = makeComment(api, fullName, issue.number, ++nextCommentId, body.body, seed.user);
      seed.comments.push(comment);
      issue.comments += 1;
      return kit.ok(commentJson(comment), { location: comment.url }, 201);
    },
  };
}
