import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_pull_requests', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listPulls = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_pull_requests',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('asks for open pull requests and returns normalized records', async () => {
    github = await startFakeGitHub({ issues: 1, pullRequests: 2 });
    const records = await listPulls({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/pulls' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({ state: 'open', per_page: '100' });
    const pull = github.seed.pulls.find((candidate) => candidate.number === 3);
    expect(records).toHaveLength(2);
    expect(records.find((record) => record.number === 3)).toEqual({
      id: pull?.id,
      number: 3,
      title: 'Pull request 3',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/pull/3',
      user: 'octocat',
      head: 'feature-3',
      base: 'main',
      draft: false,
      merged: false,
      created_at: pull?.created_at,
    });
  });

  it('passes the filters and derives merged from merged_at', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 2 });
    Object.assign(github.seed.pulls[0] ?? {}, { state: 'closed', merged_at: '2026-02-01T00:00:00Z' });
    const records = await listPulls({ state: 'closed', base: 'main', sort: 'updated', direction: 'asc' });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      state: 'closed',
      base: 'main',
      sort: 'updated',
      direction: 'asc',
      per_page: '100',
    });
    expect(records).toEqual([expect.objectContaining({ number: 1, state: 'closed', merged: true })]);
  });

  it('finds the pull request of a branch by head', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 3 });
    const records = await listPulls({ head: 'octo-org:feature-2' });
    expect(records.map((record) => record.number)).toEqual([2]);
  });

  it('follows Link pages and stops at maxRecords', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 130 });
    expect(await listPulls({})).toHaveLength(130);
    expect(github.count(GITHUB_ROUTES.listPulls)).toBe(2);
    expect(await listPulls({}, 40)).toHaveLength(40);
    expect(github.count(GITHUB_ROUTES.listPulls)).toBe(3);
  });
});
