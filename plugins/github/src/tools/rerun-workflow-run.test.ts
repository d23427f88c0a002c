import { UpstreamPermanentError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('rerun_workflow_run', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const rerun = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'rerun_workflow_run',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('re-runs every job of a completed run', async () => {
    github = await startFakeGitHub({ workflowRuns: 3 });
    const run = github.seed.workflowRuns[1];
    const record = await rerun({ run_id: run?.id });

    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: `/repos/octo-org/hello-world/actions/runs/${run?.id}/rerun`,
      body: { enable_debug_logging: false },
    });
    expect(record).toEqual({ run_id: run?.id, failed_jobs_only: false, requested: true });
    expect(run).toMatchObject({ status: 'queued', run_attempt: 2 });
  });

  it('re-runs only the failed jobs, with debug logging', async () => {
    github = await startFakeGitHub({ workflowRuns: 4 });
    const failed = github.seed.workflowRuns.find((run) => run.conclusion === 'failure');
    const record = await rerun({ run_id: failed?.id, failed_jobs_only: true, enable_debug_logging: true });

    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: `/repos/octo-org/hello-world/actions/runs/${failed?.id}/rerun-failed-jobs`,
      body: { enable_debug_logging: true },
    });
    expect(record).toMatchObject({ failed_jobs_only: true, requested: true });
  });

  it('answers GitHub refusing a run in progress (403) as a permanent upstream error', async () => {
    github = await startFakeGitHub({ workflowRuns: 3 });
    await expect(rerun({ run_id: github.seed.workflowRuns[0]?.id })).rejects.toBeInstanceOf(UpstreamPermanentError);
  });
});
