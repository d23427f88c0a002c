import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('create_pull_request_review', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const review = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'create_pull_request_review',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: 4, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('submits a comment review with line comments and returns the review', async () => {
    github = await startFakeGitHub({ pullRequests: 1, reviews: 0, reviewComments: 0 });
    const record = await review({
      event: 'COMMENT',
      body: 'A few notes.',
      comments: [
        { path: 'src/index.ts', line: 2, body: 'Rename this?' },
        { path: 'README.md', line: 3, start_line: 1, side: 'LEFT', body: 'Why remove these?' },
      ],
    });

    expect(github.requests[0]).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/pulls/4/reviews' });
    expect(github.requests[0]?.body).toEqual({
      event: 'COMMENT',
      body: 'A few notes.',
      comments: [
        { path: 'src/index.ts', line: 2, side: 'RIGHT', body: 'Rename this?' },
        { path: 'README.md', line: 3, side: 'LEFT', start_line: 1, start_side: 'LEFT', body: 'Why remove these?' },
      ],
    });
    const created = github.seed.reviews[0];
    expect(record).toEqual({
      id: created?.id,
      user: 'octocat',
      state: 'COMMENTED',
      body: 'A few notes.',
      submitted_at: created?.submitted_at,
      commit_id: github.seed.pulls[0]?.head.sha,
      html_url: created?.html_url,
    });
    expect(github.seed.reviewComments.map((comment) => comment.path)).toEqual(['src/index.ts', 'README.md']);
  });

  it('approves a pull request someone else opened, pinned to a commit', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    const pull = github.seed.pulls[0];
    if (pull) pull.user = github.seed.reviewer;
    const record = await review({ event: 'APPROVE', commit_id: pull?.head.sha });

    expect(github.requests[0]?.body).toEqual({ event: 'APPROVE', commit_id: pull?.head.sha });
    expect(record).toMatchObject({ state: 'APPROVED', user: 'octocat' });
  });

  it('answers GitHub refusing to approve your own pull request as invalid input', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(review({ event: 'APPROVE' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('refuses REQUEST_CHANGES without a body or comments before any request', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    await expect(review({ event: 'REQUEST_CHANGES' })).rejects.toMatchObject({ field: 'body' });
    expect(github.requests).toHaveLength(0);
  });
});
