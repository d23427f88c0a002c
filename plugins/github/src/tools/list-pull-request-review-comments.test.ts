import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_pull_request_review_comments', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listComments = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'list_pull_request_review_comments',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: 4, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>[]>;

  it('lists line comments with their thread, file and line', async () => {
    github = await startFakeGitHub({ pullRequests: 1, reviews: 1, reviewComments: 2 });
    const records = await listComments({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/pulls/4/comments' });
    const [first, reply] = github.seed.reviewComments;
    expect(records).toEqual([
      {
        id: first?.id,
        review_id: github.seed.reviews[0]?.id,
        in_reply_to_id: null,
        user: 'hubot',
        path: 'src/index.ts',
        line: first?.line,
        body: first?.body,
        created_at: first?.created_at,
        html_url: `https://github.com/octo-org/hello-world/pull/4#discussion_r${first?.id}`,
      },
      expect.objectContaining({ id: reply?.id, in_reply_to_id: first?.id, user: 'octocat' }),
    ]);
  });

  it('passes since to GitHub', async () => {
    github = await startFakeGitHub({ pullRequests: 1, reviewComments: 4 });
    const since = github.seed.reviewComments[2]?.updated_at as string;
    const records = await listComments({ since });

    expect(github.requests[0]?.query.get('since')).toBe(since);
    expect(records).toHaveLength(2);
  });
});
