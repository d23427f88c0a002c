import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, gitHubError, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('delete_repository', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const deleteRepo = (repo: string) =>
    runTool(plugin, 'delete_repository', { owner: 'octocat', repo }, { baseUrl: github.url, credential: github.token });

  it('is declared dangerous and a write', () => {
    expect(plugin.tools.find((tool) => tool.name === 'delete_repository')).toMatchObject({
      dangerous: true,
      readOnly: false,
    });
  });

  it('sends DELETE /repos/{owner}/{repo} and confirms', async () => {
    github = await startFakeGitHub({ repos: 2 });
    const record = await deleteRepo('repo-2');

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'DELETE', path: '/repos/octocat/repo-2', body: undefined });
    expect(record).toEqual({ full_name: 'octocat/repo-2', deleted: true });
    expect(github.seed.repos.map((repo) => repo.full_name)).not.toContain('octocat/repo-2');
  });

  it('reports a refusal for lack of admin rights (403) as a permanent failure', async () => {
    github = await startFakeGitHub({ repos: 1 });
    github.route(GITHUB_ROUTES.deleteRepo, () => gitHubError(403, 'Must have admin rights to Repository.'));
    await expect(deleteRepo('repo-1')).rejects.toMatchObject({ kind: 'upstream_permanent', status: 403 });
  });

  it('reports a missing repository as not found', async () => {
    github = await startFakeGitHub();
    await expect(deleteRepo('gone')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
