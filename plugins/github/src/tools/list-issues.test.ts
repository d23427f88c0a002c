import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_issues', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listIssues = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_issues',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('asks for open issues by default and returns normalized records', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const records = await listIssues({});

    const [request] = github.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/repos/octo-org/hello-world/issues');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ state: 'open', per_page: '100' });
    const seeded = github.seed.issues[1];
    expect(records.find((record) => record.number === 2)).toEqual({
      id: seeded?.id,
      number: 2,
      title: 'Issue 2',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/issues/2',
      user: 'octocat',
      labels: 'bug',
      comments: seeded?.comments,
      created_at: seeded?.created_at,
    });
    expect(records).toHaveLength(3);
  });

  it('passes state, labels (comma-separated) and since to GitHub', async () => {
    github = await startFakeGitHub({ issues: 6, closedIssues: 2 });
    const records = await listIssues({ state: 'all', labels: ['bug', 'enhancement'], since: '2026-01-01T00:00:00Z' });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      state: 'all',
      labels: 'bug,enhancement',
      since: '2026-01-01T00:00:00Z',
      per_page: '100',
    });
    // Issue 6 is the only one labelled bug and enhancement.
    expect(records.map((record) => record.number)).toEqual([6]);
  });

  it('leaves pull requests out', async () => {
    github = await startFakeGitHub({ issues: 3, pullRequests: 2 });
    const records = await listIssues({});

    expect(records.map((record) => record.number).sort()).toEqual([1, 2, 3]);
    expect(github.seed.issues.filter((issue) => issue.pull_request)).toHaveLength(2);
  });

  it('follows Link headers across pages: 250 issues on 3 pages', async () => {
    github = await startFakeGitHub({ issues: 250 });
    const records = await listIssues({});

    expect(records).toHaveLength(250);
    expect(new Set(records.map((record) => record.number)).size).toBe(250);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
  });

  it('stops at maxRecords without requesting pages it does not need', async () => {
    github = await startFakeGitHub({ issues: 250 });
    const records = await listIssues({}, 120);

    expect(records).toHaveLength(120);
    expect(github.count(GITHUB_ROUTES.listIssues)).toBe(2);
  });

  it('asks for small pages when the limit is small', async () => {
    github = await startFakeGitHub({ issues: 50 });
    const records = await listIssues({}, 5);

    expect(records).toHaveLength(5);
    expect(github.requests.map((request) => request.query.get('per_page'))).toEqual(['5']);
  });
});
