import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_branches', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listBranches = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_branches',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists branches with the commit each points at', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    const records = await listBranches({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/branches' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({ per_page: '100' });
    expect(records).toEqual([
      { name: 'main', sha: github.seed.branchHeads.main, protected: true },
      { name: 'feature-4', sha: github.seed.branchHeads['feature-4'], protected: false },
    ]);
  });

  it('passes the protected filter', async () => {
    github = await startFakeGitHub({ branches: 3 });
    const records = await listBranches({ protected: false });

    expect(github.requests[0]?.query.get('protected')).toBe('false');
    expect(records.map((record) => record.name)).toEqual(['topic-1', 'topic-2', 'topic-3']);
  });

  it('follows pages and stops at maxRecords', async () => {
    github = await startFakeGitHub({ branches: 149 });
    expect(await listBranches({})).toHaveLength(150);
    expect(github.count(GITHUB_ROUTES.listBranches)).toBe(2);

    github.requests.length = 0;
    expect(await listBranches({}, 30)).toHaveLength(30);
    expect(github.requests.map((request) => request.query.get('per_page'))).toEqual(['30']);
  });
});
