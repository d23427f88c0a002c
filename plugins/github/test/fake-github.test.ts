import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, gitHubError, startFakeGitHub } from './fake-github.js';
import { blobSha } from './fake-github-git-data.js';

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

  it('serves a pull request as JSON, or as a diff for the diff media type', async () => {
    github = await startFakeGitHub({ issues: 1, pullRequests: 1 });
    const auth = `token ${github.token}`;
    const json = await get('/repos/octo-org/hello-world/pulls/2', auth);
    expect(await json.json()).toMatchObject({
      number: 2,
      state: 'open',
      merged: false,
      head: { ref: 'feature-2', sha: expect.stringMatching(/^[0-9a-f]{40}$/) },
      base: { ref: 'main' },
    });
    const diff = await fetch(`${github.url}/repos/octo-org/hello-world/pulls/2`, {
      headers: { authorization: auth, accept: 'application/vnd.github.v3.diff' },
    });
    expect(diff.headers.get('content-type')).toBe('application/vnd.github.diff; charset=utf-8');
    expect(await diff.text()).toMatch(/^diff --git a\/src\/index.ts b\/src\/index.ts\n/);
    const listed = (await (await get('/repos/octo-org/hello-world/pulls', auth)).json()) as Record<string, unknown>[];
    expect(listed[0]).not.toHaveProperty('merged');
  });

  it('serves files base64-encoded in 60-character lines, and directories as arrays', async () => {
    const text = 'x'.repeat(100);
    github = await startFakeGitHub({ files: { 'a/b.txt': text, 'a/c/d.txt': 'd' } });
    const auth = `token ${github.token}`;
    const file = (await (await get('/repos/octo-org/hello-world/contents/a/b.txt', auth)).json()) as {
      content: string;
      encoding: string;
      size: number;
    };
    expect(file).toMatchObject({ encoding: 'base64', size: 100 });
    expect(file.content.split('\n')[0]).toHaveLength(60);
    expect(Buffer.from(file.content, 'base64').toString()).toBe(text);
    const dir = (await (await get('/repos/octo-org/hello-world/contents/a', auth)).json()) as unknown[];
    expect(dir).toMatchObject([
      { type: 'file', path: 'a/b.txt' },
      { type: 'dir', path: 'a/c' },
    ]);
  });

  it('merges once with {sha, merged, message}, then answers 405', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const merge = () =>
      fetch(`${github.url}/repos/octo-org/hello-world/pulls/1/merge`, {
        method: 'PUT',
        headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ merge_method: 'squash' }),
      });
    const first = await merge();
    expect(await first.json()).toEqual({
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      merged: true,
      message: 'Pull Request successfully merged',
    });
    expect((await merge()).status).toBe(405);
    expect(github.seed.issues[0]?.state).toBe('closed');
  });

  it('records JSON answers, and restores a route after an override', async () => {
    github = await startFakeGitHub();
    const auth = `token ${github.token}`;
    github.route(GITHUB_ROUTES.getRepo, () => gitHubError(500, 'Server Error'));
    expect((await get('/repos/octo-org/hello-world', auth)).status).toBe(500);
    github.restore(GITHUB_ROUTES.getRepo);
    expect((await get('/repos/octo-org/hello-world', auth)).status).toBe(200);
    expect(github.responses.at(-1)).toMatchObject({ key: GITHUB_ROUTES.getRepo, status: 200 });
    expect(JSON.parse(github.responses.at(-1)?.body ?? '{}')).toMatchObject({ full_name: 'octo-org/hello-world' });
  });

  it('pages workflow runs inside { total_count, workflow_runs } with Link headers', async () => {
    github = await startFakeGitHub({ workflowRuns: 30 });
    const auth = `token ${github.token}`;
    const first = await get('/repos/octo-org/hello-world/actions/runs?per_page=20', auth);
    const body = (await first.json()) as { total_count: number; workflow_runs: Array<Record<string, unknown>> };
    expect(body.total_count).toBe(30);
    expect(body.workflow_runs).toHaveLength(20);
    expect(body.workflow_runs[0]).toMatchObject({ run_number: 30, status: 'in_progress', conclusion: null });
    expect(body.workflow_runs[0]?.repository).toMatchObject({ full_name: 'octo-org/hello-world' });
    expect(first.headers.get('link')).toContain('rel="next"');
  });

  it('commits through the contents API like GitHub: sha required to replace, a stale sha is a conflict', async () => {
    github = await startFakeGitHub();
    const put = (body: Record<string, unknown>) =>
      fetch(`${github.url}/repos/octo-org/hello-world/contents/README.md`, {
        method: 'PUT',
        headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Edit', content: Buffer.from('new').toString('base64'), ...body }),
      });
    expect((await put({})).status).toBe(422);
    expect((await put({ sha: 'b'.repeat(40) })).status).toBe(409);
    const before = github.seed.branchHeads.main;
    const ok = await put({ sha: blobSha(github.seed.files['README.md'] as string) });
    expect(ok.status).toBe(200);
    const commit = ((await ok.json()) as { commit: { sha: string; parents: Array<{ sha: string }> } }).commit;
    expect(commit.parents[0]?.sha).toBe(before);
    expect(github.seed.branchHeads.main).toBe(commit.sha);
    expect(github.seed.files['README.md']).toBe('new');
  });
});
