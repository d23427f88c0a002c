import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_issue_comments', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listComments = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_issue_comments',
      { owner: github.seed.owner, repo: github.seed.repo, issue_number: 1, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the comments of one issue as normalized records', async () => {
    github = await startFakeGitHub({ comments: 2 });
    const records = await listComments({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/issues/1/comments' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({ per_page: '100' });
    const first = github.seed.comments[0];
    expect(records).toEqual([
      {
        id: first?.id,
        user: 'octocat',
        body: 'Comment 1 on #1.',
        created_at: first?.created_at,
        html_url: first?.html_url,
      },
      expect.objectContaining({ body: 'Comment 2 on #1.' }),
    ]);
  });

  it('passes since, and follows Link pages up to maxRecords', async () => {
    github = await startFakeGitHub({ comments: 230 });
    const all = await listComments({ since: '2000-01-01T00:00:00Z' });
    expect(all).toHaveLength(230);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect(github.requests[0]?.query.get('since')).toBe('2000-01-01T00:00:00Z');

    github.requests.length = 0;
    expect(await listComments({}, 150)).toHaveLength(150);
    expect(github.requests).toHaveLength(2);
  });
});
