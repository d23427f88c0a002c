import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, gitHubError, startFakeGitHub } from './fake-github.js';

// The core's end-to-end tests rely on this fake behaving like GitHub, so its contract is tested too.
describe('startFakeGitHub', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const get = (path: string, authorization?: string) =>
    fetch(`${github.url}${path}`, { headers: authorization ? { authorization } : {} });

  it.each(['token', 'Bearer', 'bearer'])('accepts the token with the %s scheme', async (scheme) => {
    github = await startFakeGitHub();
    const response = await get('/user', `${scheme} ${github.token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ login: 'octocat', type: 'User' });
  });

  it.each([
    ['no authorization', undefined],
    ['a wrong token', 'token ghp_wrong'],
  ])('answers 401 Bad credentials for %s', async (_case, authorization) => {
    github = await startFakeGitHub();
    const response = await get('/repos/octo-org/hello-world/issues', authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Bad credentials', documentation_url: expect.any(String) });
  });

  it('paginates with GitHub Link headers honouring page and per_page', async () => {
    github = await startFakeGitHub({ issues: 250 });
    const auth = `token ${github.token}`;
    const first = await get('/repos/octo-org/hello-world/issues?per_page=100', auth);
    expect(await first.json()).toHaveLength(100);
    expect(first.headers.get('link')).toBe(
      `<${github.url}/repos/octo-org/hello-world/issues?per_page=100&page=2>; rel="next", ` +
        `<${github.url}/repos/octo-org/hello-world/issues?per_page=100&page=3>; rel="last"`,
    );
    const last = await get('/repos/octo-org/hello-world/issues?per_page=100&page=3', auth);
    expect(await last.json()).toHaveLength(50);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    expect(last.headers.get('link')).toContain('rel="prev"');
  });

  it('serves documented shapes: issues with pull requests, search results', async () => {
    github = await startFakeGitHub({ issues: 2, pullRequests: 1 });
    const auth = `token ${github.token}`;
    const issues = (await (await get('/repos/octo-org/hello-world/issues', auth)).json()) as Record<string, unknown>[];
    expect(issues.map((issue) => 'pull_request' in issue)).toEqual([true, false, false]);
    expect(issues[1]).toMatchObject({
      id: expect.any(Number),
      node_id: expect.any(String),
      number: 2,
      title: 'Issue 2',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/issues/2',
      url: `${github.url}/repos/octo-org/hello-world/issues/2`,
      user: { login: 'octocat', id: 1 },
      labels: [{ name: 'bug' }],
      body: expect.any(String),
      comments: expect.any(Number),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const search = await (await get('/search/issues?q=is:issue', auth)).json();
    expect(search).toMatchObject({ total_count: 2, incomplete_results: false, items: expect.any(Array) });
  });

  it('lets a test override a route', async () => {
    github = await startFakeGitHub();
    github.route(GITHUB_ROUTES.getIssue, () => gitHubError(500, 'Server Error'));
    const response = await get('/repos/octo-org/hello-world/issues/1', `token ${github.token}`);
    expect(response.status).toBe(500);
  });
});
