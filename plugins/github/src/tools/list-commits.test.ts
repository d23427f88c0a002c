import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_commits', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listCommits = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_commits',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the default branch newest first as normalized records', async () => {
    github = await startFakeGitHub({ commits: 3 });
    const records = await listCommits({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/commits' });
    const newest = github.seed.commits[0];
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      sha: newest?.sha,
      message: 'Change src/util/math.ts (3)',
      author: 'octocat',
      date: newest?.commit.author.date,
      html_url: `https://github.com/octo-org/hello-world/commit/${newest?.sha}`,
    });
  });

  it('passes sha, path, author, since and until to GitHub', async () => {
    github = await startFakeGitHub({ commits: 8 });
    const records = await listCommits({
      sha: 'main',
      path: 'src',
      author: 'octocat',
      since: '2026-01-01T03:00:00Z',
      until: '2026-01-01T12:00:00Z',
    });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      sha: 'main',
      path: 'src',
      author: 'octocat',
      since: '2026-01-01T03:00:00Z',
      until: '2026-01-01T12:00:00Z',
      per_page: '100',
    });
    // Commits 2, 3 and 6 touch src/ and fall between hours 3 and 12 (commit n is at hour 2n).
    expect(records.map((record) => record.message)).toEqual([
      'Change src/index.ts (6)',
      'Change src/util/math.ts (3)',
      'Change src/index.ts (2)',
    ]);
  });

  it('uses the git author name when the commit has no GitHub account', async () => {
    github = await startFakeGitHub({ commits: 1 });
    const commit = github.seed.commits[0];
    if (commit) commit.author = null;
    expect((await listCommits({}))[0]).toMatchObject({ author: 'The Octocat' });
  });

  it('follows Link pages up to maxRecords', async () => {
    github = await startFakeGitHub({ commits: 210 });
    expect(await listCommits({})).toHaveLength(210);
    expect(github.count(GITHUB_ROUTES.listCommits)).toBe(3);
    expect(await listCommits({}, 101)).toHaveLength(101);
    expect(github.count(GITHUB_ROUTES.listCommits)).toBe(5);
  });

  it('reports an unknown sha as not found', async () => {
    github = await startFakeGitHub();
    await expect(listCommits({ sha: 'deadbeef' })).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
