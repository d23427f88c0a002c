import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_pull_request_reviews', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listReviews = (pull_number: number, maxRecords?: number) =>
    runTool(
      plugin,
      'list_pull_request_reviews',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the reviews of a pull request as flat records', async () => {
    github = await startFakeGitHub({ pullRequests: 1, reviews: 3 });
    const pull = github.seed.pulls[0];
    const records = await listReviews(pull?.number ?? 0);

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/pulls/4/reviews' });
    expect(records.map((record) => [record.user, record.state])).toEqual([
      ['hubot', 'COMMENTED'],
      ['hubot', 'CHANGES_REQUESTED'],
      ['hubot', 'APPROVED'],
    ]);
    const first = github.seed.reviews[0];
    expect(records[0]).toEqual({
      id: first?.id,
      user: 'hubot',
      state: 'COMMENTED',
      body: first?.body,
      submitted_at: first?.submitted_at,
      commit_id: pull?.head.sha,
      html_url: `https://github.com/octo-org/hello-world/pull/4#pullrequestreview-${first?.id}`,
    });
  });

  it('follows pages up to maxRecords', async () => {
    github = await startFakeGitHub({ pullRequests: 1, reviews: 120 });
    expect(await listReviews(4)).toHaveLength(120);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2']);
    github.requests.length = 0;
    expect(await listReviews(4, 10)).toHaveLength(10);
    expect(github.requests).toHaveLength(1);
  });

  it('answers an unknown pull request as not found', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(listReviews(99)).rejects.toBeInstanceOf(NotFoundError);
  });
});
