import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_pull_request', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getPull = (pullNumber: number) =>
    runTool(
      plugin,
      'get_pull_request',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: pullNumber },
      { baseUrl: github.url, credential: github.token },
    );

  it('reads one pull request with its merge state', async () => {
    github = await startFakeGitHub({ issues: 1, pullRequests: 1 });
    const pull = github.seed.pulls[0];
    pull?.requested_reviewers.push(github.seed.reviewer);
    const record = await getPull(2);

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/pulls/2' });
    expect(github.requests[0]?.headers.accept).toBe('application/vnd.github.v3+json');
    expect(record).toEqual({
      id: pull?.id,
      number: 2,
      title: 'Pull request 2',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/pull/2',
      user: 'octocat',
      head: 'feature-2',
      base: 'main',
      draft: false,
      merged: false,
      created_at: pull?.created_at,
      body: 'Body of #2.',
      head_sha: pull?.head.sha,
      mergeable: true,
      mergeable_state: 'clean',
      commits: 1,
      additions: 2,
      deletions: 2,
      changed_files: 2,
      merged_at: null,
      updated_at: pull?.updated_at,
      requested_reviewers: 'hubot',
      requested_teams: '',
    });
  });

  it('reports a missing pull request as not found', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(getPull(99)).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
