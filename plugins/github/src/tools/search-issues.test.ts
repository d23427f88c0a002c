import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('search_issues', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const searchIssues = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'search_issues', input, { baseUrl: github.url, credential: github.token, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('sends q, sort and order, and returns records from items', async () => {
    github = await startFakeGitHub({ issues: 4, pullRequests: 1 });
    const q = 'repo:octo-org/hello-world is:issue is:open';
    const records = await searchIssues({ q, sort: 'created', order: 'asc' });

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/search/issues' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      q,
      sort: 'created',
      order: 'asc',
      per_page: '100',
    });
    const seeded = github.seed.issues[2];
    expect(records).toHaveLength(4);
    expect(records.find((record) => record.number === 3)).toEqual({
      id: seeded?.id,
      number: 3,
      title: 'Issue 3',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/issues/3',
      user: 'octocat',
      labels: 'enhancement',
      comments: seeded?.comments,
      created_at: seeded?.created_at,
    });
  });

  it('follows pages of search results up to the limit', async () => {
    github = await startFakeGitHub({ issues: 150 });
    expect(await searchIssues({ q: 'is:issue' })).toHaveLength(150);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2']);
  });

  it('stops at maxRecords', async () => {
    github = await startFakeGitHub({ issues: 150 });
    expect(await searchIssues({ q: 'is:issue' }, 30)).toHaveLength(30);
    expect(github.requests).toHaveLength(1);
  });
});
