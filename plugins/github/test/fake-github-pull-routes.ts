/** The fake GitHub's pull request routes: list, get (JSON or diff), create, merge. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { makeIssue } from './fake-github-data.js';
import { fakeSha, type GitHubPull, makeDiff, makePull, pullJson } from './fake-github-git-data.js';
import type { FakeGitHubKit } from './fake-github-kit.js';
import { gitHubError, validationFailed } from './fake-github-responses.js';

export const PULL_ROUTES = {
  listPulls: 'GET /repos/:owner/:repo/pulls',
  getPull: 'GET /repos/:owner/:repo/pulls/:pull_number',
  createPull: 'POST /repos/:owner/:repo/pulls',
  mergePull: 'PUT /repos/:owner/:repo/pulls/:pull_number/merge',
} as const;

const MERGE_METHODS = ['merge', 'squash', 'rebase'];

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** `head` may be `branch` or `owner:branch`, as GitHub accepts. */
function branchOf(head: string): string {
  return head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
}

function sortPulls(request: FakeRequest) {
  const field = request.query.get('sort') === 'updated' ? 'updated_at' : 'created_at';
  const sign = request.query.get('direction') === 'asc' ? 1 : -1;
  return (a: GitHubPull, b: GitHubPull) => sign * a[field].localeCompare(b[field]);
}

export function pullRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;
  const pullOf = (request: FakeRequest) =>
    kit.isMain(request) ? seed.pulls.find((pull) => String(pull.number) === request.params.pull_number) : undefined;

  return {
    [PULL_ROUTES.listPulls]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      const state = request.query.get('state') ?? 'open';
      const head = request.query.get('head');
      const base = request.query.get('base');
      const pulls = (kit.isMain(request) ? seed.pulls : [])
        .filter((pull) => state === 'all' || pull.state === state)
        .filter((pull) => !head || pull.head.label === head)
        .filter((pull) => !base || pull.base.ref === base)
        .sort(sortPulls(request))
        .map((pull) => pullJson(pull, false));
      return kit.listed(request, pulls);
    },
    [PULL_ROUTES.getPull]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      // Octokit asks for `application/vnd.github.v3.diff`; GitHub answers the diff as text.
      if (/\bvnd\.github(?:\.v3)?\.diff\b/.test(request.headers.accept ?? '')) {
        return {
          status: 200,
          headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' },
          body: pull.diff,
        };
      }
      return kit.ok(pullJson(pull, true));
    },
    [PULL_ROUTES.createPull]: (request) => {
      const repo = kit.repoOf(request);
      if (!repo) return gitHubError(404, 'Not Found');
      if (!kit.isMain(request)) return validationFailed('PullRequest', 'head', 'invalid');
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body.title !== 'string' || body.title === '')
        return validationFailed('PullRequest', 'title', 'missing_field');
      const head = typeof body.head === 'string' ? branchOf(body.head) : '';
      const base = typeof body.base === 'string' ? body.base : '';
      if (!seed.branches.includes(head)) return validationFailed('PullRequest', 'head', 'invalid');
      if (!seed.branches.includes(base)) return validationFailed('PullRequest', 'base', 'invalid');
      if (head === base) {
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }],
          },
        };
      }
      if (seed.pulls.some((pull) => pull.state === 'open' && pull.head.ref === head && pull.base.ref === base)) {
        return {
          status: 422,
          json: {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${seed.owner}:${head}.`,
              },
            ],
          },
        };
      }
      const number = seed.issues.length + 1;
      const issue = makeIssue({
        api,
        fullName,
        number,
        author: seed.user,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : null,
        pullRequest: true,
      });
      issue.comments = 0;
      seed.issues.push(issue);
      const pull = makePull({ api, repo, issue, head, base, diff: makeDiff([`src/${head}.ts`], number) });
      pull.draft = body.draft === true;
      pull.comments = 0;
      seed.pulls.push(pull);
      return kit.ok(pullJson(pull, true), { location: pull.url }, 201);
    },
    [PULL_ROUTES.mergePull]: (request) => {
      const pull = pullOf(request);
      if (!pull) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const method = body.merge_method ?? 'merge';
      if (!MERGE_METHODS.includes(String(method))) return validationFailed('PullRequest', 'merge_method', 'invalid');
      if (pull.merged || pull.state !== 'open') return gitHubError(405, 'Pull Request is not mergeable');
      if (body.sha !== undefined && body.sha !== pull.head.sha) {
        return gitHubError(409, 'Head branch was modified. Review and try the merge again.');
      }
      const sha = fakeSha(`${fullName}#merge-${pull.number}-${method}`);
      Object.assign(pull, {
        merged: true,
        state: 'closed',
        merged_at: now(),
        closed_at: now(),
        merge_commit_sha: sha,
        mergeable: null,
      });
      const issue = seed.issues.find((candidate) => candidate.number === pull.number);
      if (issue?.pull_request) {
        Object.assign(issue, { state: 'closed', closed_at: pull.closed_at });
        issue.pull_request.merged_at = pull.merged_at;
      }
      return kit.ok({ sha, merged: true, message: 'Pull Request successfully merged' });
    },
  };
}
