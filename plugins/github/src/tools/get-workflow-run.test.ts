import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_workflow_run', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getRun = (run_id: number) =>
    runTool(
      plugin,
      'get_workflow_run',
      { owner: github.seed.owner, repo: github.seed.repo, run_id },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('reads one run with its attempt, workflow file and pull requests', async () => {
    github = await startFakeGitHub({ pullRequests: 2, workflowRuns: 5 });
    const run = github.seed.workflowRuns.find((candidate) => candidate.run_number === 4);
    const record = await getRun(run?.id ?? 0);

    expect(github.requests[0]).toMatchObject({
      method: 'GET',
      path: `/repos/octo-org/hello-world/actions/runs/${run?.id}`,
    });
    expect(record).toEqual({
      id: run?.id,
      name: 'CI',
      title: 'Pull request 4',
      run_number: 4,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      head_branch: 'feature-4',
      head_sha: run?.head_sha,
      actor: 'octocat',
      created_at: run?.created_at,
      html_url: run?.html_url,
      workflow_path: '.github/workflows/ci.yml',
      run_attempt: 1,
      run_started_at: run?.run_started_at,
      updated_at: run?.updated_at,
      pull_requests: '4',
      head_commit_message: 'Change number 4',
    });
  });

  it('answers an unknown run as not found', async () => {
    github = await startFakeGitHub();
    await expect(getRun(1)).rejects.toBeInstanceOf(NotFoundError);
  });
});
