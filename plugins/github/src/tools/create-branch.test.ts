import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('create_branch', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const createBranch = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'create_branch',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    );

  it('starts at the default branch when no from is given: reads the repository, the branch, then creates the ref', async () => {
    github = await startFakeGitHub();
    const record = await createBranch({ branch: 'fix/login' });

    expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /repos/octo-org/hello-world',
      'GET /repos/octo-org/hello-world/branches/main',
      'POST /repos/octo-org/hello-world/git/refs',
    ]);
    const main = github.seed.branchHeads.main;
    expect(github.requests[2]?.body).toEqual({ ref: 'refs/heads/fix/login', sha: main });
    expect(record).toEqual({ name: 'fix/login', ref: 'refs/heads/fix/login', sha: main, from: 'main' });
    expect(github.seed.branches).toContain('fix/login');
  });

  it('starts at a named branch, dropping a refs/heads/ prefix from the new name', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    const record = await createBranch({ branch: 'refs/heads/next', from: 'feature-4' });

    expect(github.requests.map((request) => request.path)).toEqual([
      '/repos/octo-org/hello-world/branches/feature-4',
      '/repos/octo-org/hello-world/git/refs',
    ]);
    expect(record).toMatchObject({ name: 'next', sha: github.seed.branchHeads['feature-4'], from: 'feature-4' });
  });

  it('starts at a commit sha without looking anything up', async () => {
    github = await startFakeGitHub();
    const sha = github.seed.commits[2]?.sha as string;
    const record = await createBranch({ branch: 'at-commit', from: sha });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]?.body).toEqual({ ref: 'refs/heads/at-commit', sha });
    expect(record).toMatchObject({ sha, from: sha });
  });

  it('answers GitHub refusing an existing name as invalid input', async () => {
    github = await startFakeGitHub();
    await expect(createBranch({ branch: 'main' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('answers an unknown source branch as not found, creating nothing', async () => {
    github = await startFakeGitHub();
    await expect(createBranch({ branch: 'x', from: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    expect(github.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it.each(['has space', '-leading', 'a..b', 'ends.', 'x~1', 'a:b'])(
    'refuses the branch name %j before any request',
    async (branch) => {
      github = await startFakeGitHub();
      await expect(createBranch({ branch })).rejects.toBeInstanceOf(InvalidInputError);
      expect(github.requests).toHaveLength(0);
    },
  );
});
