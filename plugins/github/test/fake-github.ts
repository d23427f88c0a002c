/**
 * A fake GitHub REST API on 127.0.0.1, for the plugin's tests and the core's
 * end-to-end tests. It answers with the documented response shapes (API
 * version 2022-11-28), paginates with real `Link` headers, and checks the
 * token like GitHub does.
 *
 * @example
 * const github = await startFakeGitHub({ issues: 250 });
 * await runTool(plugin, 'list_issues', { owner: github.seed.owner, repo: github.seed.repo },
 *   { baseUrl: github.url, credential: github.token });
 * github.route(GITHUB_ROUTES.listIssues, () => gitHubError(500, 'Server Error'));
 * await github.close();
 */
import { type FakeRequest, type FakeRoute, type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import { ACTIONS_ROUTES, actionsRoutes } from './fake-github-actions-routes.js';
import { ACTIVITY_ROUTES, activityRoutes } from './fake-github-activity-routes.js';
import { BRANCH_ROUTES, branchRoutes } from './fake-github-branch-routes.js';
import { type GitHubIssue, type GitHubRepo, makeAccount, makeIssue, makeRepo } from './fake-github-data.js';
import { type FakeGitHubDepthOptions, seedDepth } from './fake-github-depth-seed.js';
import {
  defaultFiles,
  type GitHubComment,
  type GitHubCommit,
  type GitHubPull,
  makeComment,
  makeCommit,
  makeDiff,
  makePull,
} from './fake-github-git-data.js';
import { ISSUE_ROUTES, issueRoutes } from './fake-github-issue-routes.js';
import { type FakeGitHubKit, type FakeGitHubSeed, same } from './fake-github-kit.js';
import { PULL_ROUTES, pullRoutes } from './fake-github-pull-routes.js';
import { REPO_ROUTES, repoRoutes } from './fake-github-repo-routes.js';
import { gitHubError, isAuthorized, paginate, success, validationFailed } from './fake-github-responses.js';
import { REVIEW_ROUTES, reviewRoutes } from './fake-github-review-routes.js';
import { byNewest, matchesQuery } from './fake-github-search.js';

export type { GitHubRelease, GitHubThread, GitHubWorkflowRun } from './fake-github-activity-data.js';
export type { GitHubAccount, GitHubIssue, GitHubLabel, GitHubRepo } from './fake-github-data.js';
export type { FakeGitHubDepthOptions } from './fake-github-depth-seed.js';
export type { GitHubComment, GitHubCommit, GitHubPull } from './fake-github-git-data.js';
export type { FakeGitHubSeed } from './fake-github-kit.js';
export { gitHubError, primaryRateLimit, secondaryRateLimit, validationFailed } from './fake-github-responses.js';
export type { GitHubReview, GitHubReviewComment } from './fake-github-review-data.js';

/** Route keys of the fake, for `fake.route(key, handler)` overrides (e.g. to answer 500). */
export const GITHUB_ROUTES = {
  authenticatedUser: 'GET /user',
  account: 'GET /users/:username',
  myRepos: 'GET /user/repos',
  userRepos: 'GET /users/:username/repos',
  orgRepos: 'GET /orgs/:org/repos',
  listIssues: 'GET /repos/:owner/:repo/issues',
  getIssue: 'GET /repos/:owner/:repo/issues/:issue_number',
  createIssue: 'POST /repos/:owner/:repo/issues',
  searchIssues: 'GET /search/issues',
  ...ISSUE_ROUTES,
  ...PULL_ROUTES,
  ...REPO_ROUTES,
  ...BRANCH_ROUTES,
  ...REVIEW_ROUTES,
  ...ACTIONS_ROUTES,
  ...ACTIVITY_ROUTES,
} as const;

/** What to seed the fake with. Every field is optional. */
export interface FakeGitHubOptions extends FakeGitHubDepthOptions {
  /** The only token accepted, as `token X` or `Bearer X`. Default `ghp_fakeToken0000000000000000000000000000`. */
  token?: string;
  /** Login of the authenticated user (a `User`). Default `octocat`. */
  login?: string;
  /** Organization owning the repository with the issues. Default `octo-org`. */
  owner?: string;
  /** Name of that repository. Default `hello-world`. */
  repo?: string;
  /** Open issues in `owner/repo`, numbered from 1. Default 3. */
  issues?: number;
  /** Closed issues, numbered after the open ones. Default 0. */
  closedIssues?: number;
  /** Open pull requests (issues with a `pull_request` key), numbered last. Default 0. */
  pullRequests?: number;
  /** Repositories owned by `login`, named `repo-1`…; every third is private. Default 2. */
  repos?: number;
  /** Comments on issue #1 of `owner/repo`. Default 2. */
  comments?: number;
  /** Commits on `main` of `owner/repo`, newest first, plus one on each pull request's branch. Default 5. */
  commits?: number;
  /** Files of `owner/repo` by path (`Uint8Array` for binary). Default: a README, sources, and a PNG. */
  files?: Record<string, string | Uint8Array>;
}

/** A running fake GitHub: the SDK's fake upstream plus the token and seed data. */
export type FakeGitHub = FakeUpstream & {
  readonly token: string;
  readonly seed: FakeGitHubSeed;
  /** Every JSON answer of the fake's own routes, in order, as sent (for comparing with what a tool returned). */
  readonly responses: FakeGitHubResponse[];
  /** Puts back the fake's own handler for `key` (every route when omitted) after a test's `route` override. */
  restore(key?: string): void;
};

/** One JSON answer the fake sent. */
export interface FakeGitHubResponse {
  key: string;
  status: number;
  body: string;
}

/**
 * Starts a fake GitHub on `127.0.0.1:0`, seeded per `options`. Requests
 * without the right token get GitHub's 401 `Bad credentials`. Override any
 * route of {@link GITHUB_ROUTES} with `route(key, handler)`; every request is
 * in `requests`. Close it when done.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const token = options.token ?? 'ghp_fakeToken0000000000000000000000000000';
  const upstream = await startFakeUpstream();
  const api = upstream.url;
  const user = makeAccount(api, options.login ?? 'octocat', 1, 'User');
  const org = makeAccount(api, options.owner ?? 'octo-org', 9_000_001, 'Organization');
  const repo = options.repo ?? 'hello-world';
  const fullName = `${org.login}/${repo}`;

  const issues: GitHubIssue[] = [];
  const add = (state: 'open' | 'closed', pullRequest: boolean) => {
    const number = issues.length + 1;
    const labels = [...(number % 2 === 0 ? ['bug'] : []), ...(number % 3 === 0 ? ['enhancement'] : [])];
    issues.push(makeIssue({ api, fullName, number, author: user, state, labels, pullRequest }));
  };
  for (let i = 0; i < (options.issues ?? 3); i++) add('open', false);
  for (let i = 0; i < (options.closedIssues ?? 0); i++) add('closed', false);
  for (let i = 0; i < (options.pullRequests ?? 0); i++) add('open', true);

  const repos = [makeRepo(api, org, repo, 1_000_000)];
  for (let i = 1; i <= (options.repos ?? 2); i++)
    repos.push(makeRepo(api, user, `repo-${i}`, 1_000_000 + i, i % 3 === 0));

  const pulls: GitHubPull[] = [];
  const branches = ['main'];
  for (const issue of issues.filter((candidate) => candidate.pull_request)) {
    const head = `feature-${issue.number}`;
    branches.push(head);
    const diff = makeDiff(['src/index.ts', 'README.md'], issue.number);
    pulls.push(makePull({ api, repo: repos[0] as GitHubRepo, issue, head, base: 'main', diff }));
  }
  const comments: GitHubComment[] = [];
  for (let i = 1; i <= (options.comments ?? 2); i++) {
    comments.push(makeComment(api, fullName, 1, 7_000_000 + i, `Comment ${i} on #1.`, user));
  }
  const commits: GitHubCommit[] = [];
  const paths = ['README.md', 'src/index.ts', 'src/util/math.ts', 'package.json'];
  for (let i = 1; i <= (options.commits ?? 5); i++) {
    const files = [paths[(i - 1) % paths.length] as string];
    commits.unshift(
      makeCommit({ api, fullName, index: i, author: user, branch: 'main', files, parent: commits[0]?.sha }),
    );
  }
  for (const branch of branches.slice(1)) {
    const index = 1000 + commits.length;
    commits.unshift(makeCommit({ api, fullName, index, author: user, branch, files: [`src/${branch}.ts`] }));
  }

  const seed: FakeGitHubSeed = {
    login: user.login,
    owner: org.login,
    repo,
    user,
    org,
    issues,
    repos,
    pulls,
    comments,
    commits,
    branches,
    files: options.files ?? defaultFiles(repo),
    ...seedDepth(options, { api, repo: repos[0] as GitHubRepo, user, branches, pulls }),
  };
  const accountOf = (login: string) => [user, org].find((account) => same(account.login, login));
  const repoOf = (request: FakeRequest) =>
    repos.find((candidate) => same(candidate.full_name, `${request.params.owner}/${request.params.repo}`));
  const issuesOf = (request: FakeRequest) => (same(repoOf(request)?.full_name ?? '', fullName) ? issues : []);
  const coreUsed = () =>
    upstream.count() - upstream.count(GITHUB_ROUTES.searchIssues) - upstream.count(GITHUB_ROUTES.searchCode);
  const ok = (json: unknown, headers: Record<string, string> = {}, status = 200) =>
    success(json, { status, headers, used: coreUsed() });
  const listed = (request: FakeRequest, items: unknown[]) => {
    const page = paginate(api, request, items);
    return ok(page.items, page.headers);
  };
  const sortRepos = (request: FakeRequest, list: GitHubRepo[]) => {
    const sort = request.query.get('sort') ?? 'full_name';
    if (sort === 'full_name') return [...list].sort((a, b) => a.full_name.localeCompare(b.full_name));
    const field = sort === 'created' ? 'created_at' : sort === 'pushed' ? 'pushed_at' : 'updated_at';
    return [...list].sort((a, b) => b[field].localeCompare(a[field]));
  };

  const routes: Record<string, FakeRoute> = {
    [GITHUB_ROUTES.authenticatedUser]: () => ok({ ...user, name: 'The Octocat', public_repos: repos.length }),
    [GITHUB_ROUTES.account]: (request) => {
      const account = accountOf(request.params.username ?? '');
      return account ? ok(account) : gitHubError(404, 'Not Found');
    },
    [GITHUB_ROUTES.myRepos]: (request) => {
      const type = request.query.get('type') ?? 'all';
      const mine = repos.filter((candidate) => {
        if (type === 'owner') return candidate.owner.login === user.login;
        if (type === 'member') return candidate.owner.login !== user.login;
        if (type === 'public' || type === 'private') return candidate.visibility === type;
        return true;
      });
      return listed(request, sortRepos(request, mine));
    },
    [GITHUB_ROUTES.userRepos]: (request) => {
      const account = accountOf(request.params.username ?? '');
      if (!account) return gitHubError(404, 'Not Found');
      const owned = repos.filter((candidate) => candidate.owner.login === account.login && !candidate.private);
      return listed(request, sortRepos(request, owned));
    },
    [GITHUB_ROUTES.orgRepos]: (request) => {
      const account = accountOf(request.params.org ?? '');
      if (account?.type !== 'Organization') return gitHubError(404, 'Not Found');
      return listed(
        request,
        sortRepos(
          request,
          repos.filter((candidate) => candidate.owner.login === account.login),
        ),
      );
    },
    [GITHUB_ROUTES.listIssues]: (request) => {
      if (!repoOf(request)) return gitHubError(404, 'Not Found');
      const state = request.query.get('state') ?? 'open';
      const labels = (request.query.get('labels') ?? '').split(',').filter(Boolean);
      const since = request.query.get('since');
      const matching = issuesOf(request)
        .filter((issue) => state === 'all' || issue.state === state)
        .filter((issue) => labels.every((name) => issue.labels.some((label) => same(label.name, name))))
        .filter((issue) => !since || Date.parse(issue.updated_at) >= Date.parse(since))
        .sort(byNewest(request));
      return listed(request, matching);
    },
    [GITHUB_ROUTES.getIssue]: (request) => {
      const issue = issuesOf(request).find((candidate) => String(candidate.number) === request.params.issue_number);
      return issue ? ok(issue) : gitHubError(404, 'Not Found');
    },
    [GITHUB_ROUTES.createIssue]: (request) => {
      if (!repoOf(request)) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as { title?: unknown; body?: unknown; labels?: unknown; assignees?: unknown };
      if (typeof body.title !== 'string' || body.title === '') {
        return validationFailed('Issue', 'title', 'missing_field');
      }
      const number = issues.length + 1;
      const names = Array.isArray(body.labels) ? body.labels.map(String) : [];
      const logins = Array.isArray(body.assignees) ? body.assignees.map(String) : [];
      const issue = makeIssue({
        api,
        fullName,
        number,
        author: user,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : null,
        labels: names,
        assignees: logins.map((login, i) => accountOf(login) ?? makeAccount(api, login, 500 + i, 'User')),
      });
      issue.comments = 0;
      issues.push(issue);
      return ok(issue, { location: issue.url }, 201);
    },
    [GITHUB_ROUTES.searchIssues]: (request) => {
      const q = request.query.get('q');
      if (!q) return validationFailed('Search', 'q', 'missing');
      const matching = issues.filter((issue) => matchesQuery(issue, fullName, q)).sort(byNewest(request));
      const page = paginate(api, request, matching);
      const items = page.items.map((issue) => ({ ...issue, score: 1 }));
      return success(
        { total_count: matching.length, incomplete_results: false, items },
        { headers: page.headers, resource: 'search', used: upstream.count(GITHUB_ROUTES.searchIssues) },
      );
    },
  };

  const kit: FakeGitHubKit = {
    api,
    fullName,
    seed,
    ok,
    listed,
    repoOf,
    isMain: (request) => same(`${request.params.owner}/${request.params.repo}`, fullName),
    accountOf,
  };
  const modules = [issueRoutes, pullRoutes, repoRoutes, branchRoutes, reviewRoutes, actionsRoutes, activityRoutes];
  for (const routesOf of modules) Object.assign(routes, routesOf(kit));

  const responses: FakeGitHubResponse[] = [];
  const own = new Map<string, FakeRoute>();
  for (const [key, handler] of Object.entries(routes)) {
    own.set(key, async (request, fake) => {
      const answer = isAuthorized(request, token) ? await handler(request, fake) : gitHubError(401, 'Bad credentials');
      if (answer.json !== undefined)
        responses.push({ key, status: answer.status ?? 200, body: JSON.stringify(answer.json) });
      return answer;
    });
  }
  const restore = (key?: string) => {
    for (const [routeKey, handler] of own) if (key === undefined || key === routeKey) upstream.route(routeKey, handler);
  };
  restore();
  return Object.assign(upstream, { token, seed, responses, restore });
}
