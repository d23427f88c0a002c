import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('create_issue', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const createIssue = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'create_issue',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    );

  it('POSTs the issue as JSON and returns the created record', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const record = await createIssue({
      title: 'Crash on start',
      body: 'Steps to reproduce…',
      labels: ['bug'],
      assignees: ['octocat'],
    });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues' });
    expect(github.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(github.requests[0]?.body).toEqual({
      title: 'Crash on start',
      body: 'Steps to reproduce…',
      labels: ['bug'],
      assignees: ['octocat'],
    });
    const created = github.seed.issues.at(-1);
    expect(record).toEqual({
      id: created?.id,
      number: 4,
      title: 'Crash on start',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/issues/4',
      user: 'octocat',
      labels: 'bug',
      comments: 0,
      created_at: created?.created_at,
    });
  });

  it('sends only the fields given', async () => {
    github = await startFakeGitHub();
    await createIssue({ title: 'Just a title' });
    expect(github.requests[0]?.body).toEqual({ title: 'Just a title' });
    expect(github.count(GITHUB_ROUTES.createIssue)).toBe(1);
  });
});
