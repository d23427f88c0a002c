import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('request_reviewers', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const request = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'request_reviewers',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: 4, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('asks people and teams, and returns everyone now asked', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    const record = await request({ reviewers: ['hubot', 'monalisa'], team_reviewers: ['backend'] });

    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/octo-org/hello-world/pulls/4/requested_reviewers',
      body: { reviewers: ['hubot', 'monalisa'], team_reviewers: ['backend'] },
    });
    expect(record).toEqual({
      number: 4,
      html_url: 'https://github.com/octo-org/hello-world/pull/4',
      requested_reviewers: 'hubot, monalisa',
      requested_teams: 'backend',
    });
  });

  it('answers a reviewer who is not a collaborator as invalid input', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(request({ reviewers: ['stranger'] })).rejects.toBeInstanceOf(InvalidInputError);
    expect(github.seed.pulls[0]?.requested_reviewers).toEqual([]);
  });

  it('refuses a call naming nobody before any request', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(request({ reviewers: [] })).rejects.toBeInstanceOf(InvalidInputError);
    expect(github.requests).toHaveLength(0);
  });
});
