import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_repos', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listRepos = (input: Record<string, unknown>) =>
    runTool(plugin, 'list_repos', input, { baseUrl: github.url, credential: github.token }) as Promise<
      Record<string, unknown>[]
    >;

  it("lists the authenticated user's repositories as normalized records", async () => {
    github = await startFakeGitHub({ repos: 3 });
    const records = await listRepos({ type: 'owner', sort: 'updated' });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]?.path).toBe('/user/repos');
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      type: 'owner',
      sort: 'updated',
      per_page: '100',
    });
    const repo3 = github.seed.repos.find((repo) => repo.name === 'repo-3');
    expect(records).toHaveLength(3);
    expect(records.find((record) => record.name === 'repo-3')).toEqual({
      id: repo3?.id,
      name: 'repo-3',
      full_name: 'octocat/repo-3',
      html_url: 'https://github.com/octocat/repo-3',
      private: true,
      description: repo3?.description,
      updated_at: repo3?.updated_at,
    });
  });

  it("lists an organization's repositories through the org endpoint", async () => {
    github = await startFakeGitHub();
    const records = await listRepos({ owner: 'octo-org', type: 'sources' });

    expect(github.requests.map((request) => request.path)).toEqual(['/users/octo-org', '/orgs/octo-org/repos']);
    expect(github.requests[1]?.query.get('type')).toBe('sources');
    expect(records.map((record) => record.full_name)).toEqual(['octo-org/hello-world']);
  });

  it("lists a user's repositories through the user endpoint", async () => {
    github = await startFakeGitHub({ repos: 2 });
    const records = await listRepos({ owner: 'octocat' });

    expect(github.requests.map((request) => request.path)).toEqual(['/users/octocat', '/users/octocat/repos']);
    expect(records.map((record) => record.full_name)).toEqual(['octocat/repo-1', 'octocat/repo-2']);
  });

  it.each([
    ['octocat', 'forks', GITHUB_ROUTES.userRepos],
    ['octo-org', 'owner', GITHUB_ROUTES.orgRepos],
    [undefined, 'sources', GITHUB_ROUTES.myRepos],
  ])('refuses owner %s with type %s before listing', async (owner, type, route) => {
    github = await startFakeGitHub();
    const error = await listRepos({ owner, type }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'type' });
    expect(github.count(route)).toBe(0);
  });

  it('reports an unknown owner as not found', async () => {
    github = await startFakeGitHub();
    await expect(listRepos({ owner: 'nobody-here' })).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
