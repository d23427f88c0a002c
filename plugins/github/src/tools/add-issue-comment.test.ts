import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('add_issue_comment', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const addComment = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'add_issue_comment',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    );

  it('POSTs the body and returns the created comment', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const record = await addComment({ issue_number: 3, body: 'Fixed in **#12**.' });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues/3/comments' });
    expect(github.requests[0]?.body).toEqual({ body: 'Fixed in **#12**.' });
    const created = github.seed.comments.at(-1);
    expect(record).toEqual({
      id: created?.id,
      user: 'octocat',
      body: 'Fixed in **#12**.',
      created_at: created?.created_at,
      html_url: `https://github.com/octo-org/hello-world/issues/3#issuecomment-${created?.id}`,
    });
  });

  it('refuses an empty body before any request', async () => {
    github = await startFakeGitHub();
    await expect(addComment({ issue_number: 1, body: '   ' })).rejects.toMatchObject({
      kind: 'invalid_input',
      field: 'body',
    });
    expect(github.count(GITHUB_ROUTES.createComment)).toBe(0);
  });

  it('reports a missing issue as not found', async () => {
    github = await startFakeGitHub({ issues: 1 });
    await expect(addComment({ issue_number: 42, body: 'hi' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
