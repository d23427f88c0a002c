import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_issue', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getIssue = (issueNumber: number) =>
    runTool(
      plugin,
      'get_issue',
      { owner: github.seed.owner, repo: github.seed.repo, issue_number: issueNumber },
      { baseUrl: github.url, credential: github.token },
    );

  it('reads one issue with its body', async () => {
    github = await startFakeGitHub({ issues: 6 });
    const seeded = github.seed.issues[5];
    if (seeded) seeded.assignees = [github.seed.user];
    const record = await getIssue(6);

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/issues/6' });
    expect(record).toEqual({
      id: seeded?.id,
      number: 6,
      title: 'Issue 6',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/issues/6',
      user: 'octocat',
      labels: 'bug, enhancement',
      comments: seeded?.comments,
      created_at: seeded?.created_at,
      body: 'Body of #6.',
      assignees: 'octocat',
      updated_at: seeded?.updated_at,
    });
  });

  it('reports a missing issue as not found', async () => {
    github = await startFakeGitHub({ issues: 1 });
    await expect(getIssue(999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
