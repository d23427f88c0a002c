import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_workflow_runs', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listRuns = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'list_workflow_runs',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the runs of a repository, newest first, unwrapping workflow_runs', async () => {
    github = await startFakeGitHub({ workflowRuns: 3 });
    const records = await listRuns({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/actions/runs' });
    const newest = github.seed.workflowRuns[0];
    expect(records[0]).toEqual({
      id: newest?.id,
      name: 'CI',
      title: 'Change number 3',
      run_number: 3,
      event: 'push',
      status: 'in_progress',
      conclusion: null,
      head_branch: 'main',
      head_sha: newest?.head_sha,
      actor: 'octocat',
      created_at: newest?.created_at,
      html_url: `https://github.com/octo-org/hello-world/actions/runs/${newest?.id}`,
    });
    expect(records.map((record) => record.conclusion)).toEqual([null, 'success', 'success']);
  });

  it('passes the filters to GitHub', async () => {
    github = await startFakeGitHub({ workflowRuns: 12 });
    const records = await listRuns({ branch: 'main', status: 'failure', event: 'push', created: '>=2026-01-01' });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      branch: 'main',
      status: 'failure',
      event: 'push',
      created: '>=2026-01-01',
      per_page: '100',
    });
    expect(records.map((record) => record.run_number)).toEqual([9, 6, 3]);
  });

  it('lists one workflow’s runs by file name', async () => {
    github = await startFakeGitHub({ workflowRuns: 11 });
    const records = await listRuns({ workflow: 'release.yml' });

    expect(github.requests[0]?.path).toBe('/repos/octo-org/hello-world/actions/workflows/release.yml/runs');
    expect(records.map((record) => record.name)).toEqual(['Release', 'Release']);
  });

  it('follows pages up to maxRecords', async () => {
    github = await startFakeGitHub({ workflowRuns: 230 });
    expect(await listRuns({})).toHaveLength(230);
    expect(github.count(GITHUB_ROUTES.listRuns)).toBe(3);
    github.requests.length = 0;
    expect(await listRuns({}, 150)).toHaveLength(150);
    expect(github.requests).toHaveLength(2);
  });

  it('answers an unknown workflow as not found', async () => {
    github = await startFakeGitHub();
    await expect(listRuns({ workflow: 'nope.yml' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(['yesterday', '2026-13', '>= 2026-01-01'])(
    'refuses the created filter %j before any request',
    async (created) => {
      github = await startFakeGitHub();
      await expect(listRuns({ created })).rejects.toBeInstanceOf(InvalidInputError);
      expect(github.requests).toHaveLength(0);
    },
  );
});
