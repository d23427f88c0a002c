import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('merge_pull_request', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const merge = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'merge_pull_request',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: 1, ...input },
      { baseUrl: github.url, credential: github.token },
    );

  it('is declared dangerous and a write', () => {
    expect(plugin.tools.find((tool) => tool.name === 'merge_pull_request')).toMatchObject({
      dangerous: true,
      readOnly: false,
    });
  });

  it('PUTs the merge with method and sha guard, and returns {merged, sha, message}', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const headSha = github.seed.pulls[0]?.head.sha;
    const record = await merge({ merge_method: 'squash', sha: headSha, commit_title: 'Feature (#1)' });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'PUT', path: '/repos/octo-org/hello-world/pulls/1/merge' });
    expect(github.requests[0]?.body).toEqual({ merge_method: 'squash', sha: headSha, commit_title: 'Feature (#1)' });
    expect(record).toEqual({
      merged: true,
      sha: github.seed.pulls[0]?.merge_commit_sha,
      message: 'Pull Request successfully merged',
      pull_number: 1,
      merge_method: 'squash',
    });
    expect(github.seed.pulls[0]).toMatchObject({ merged: true, state: 'closed' });
  });

  it('merges with a merge commit by default', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    await merge({});
    expect(github.requests[0]?.body).toEqual({ merge_method: 'merge' });
  });

  it('fails without merging when the head moved past the given sha (409)', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const error = await merge({ sha: 'a'.repeat(40) }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'upstream_permanent', status: 409 });
    expect((error as Error).message).toContain('Head branch was modified');
    expect(github.seed.pulls[0]?.merged).toBe(false);
  });

  it('reports a pull request GitHub cannot merge (405) as a permanent failure', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    await merge({});
    await expect(merge({})).rejects.toMatchObject({ kind: 'upstream_permanent', status: 405 });
  });

  it('refuses a malformed sha before any request', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    await expect(merge({ sha: 'abc' })).rejects.toMatchObject({ kind: 'invalid_input', field: 'sha' });
    expect(github.count()).toBe(0);
  });
});
