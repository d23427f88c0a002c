import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField, runIdField } from '../input-fields.js';
import { rerunRecord } from '../normalize-actions.js';

export const rerunWorkflowRun = defineTool({
  name: 'rerun_workflow_run',
  description: `Re-runs a completed GitHub Actions workflow run: all its jobs, or only the failed ones. It starts real work (builds, tests, possibly deployments) under a new attempt of the same run.
Use it when the user asks to retry CI, e.g. after a flaky failure found with list_workflow_runs (status failure). GitHub refuses a run that is still in progress. Follow the new attempt with get_workflow_run.
Returns one record: run_id, failed_jobs_only, requested.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    run_id: runIdField,
    failed_jobs_only: z
      .boolean()
      .default(false)
      .describe('true: re-run only the failed jobs (and what depends on them); default false, every job'),
    enable_debug_logging: z.boolean().default(false).describe('Turn on Actions debug logging for the re-run'),
  }),
  output: rerunRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const params = {
      owner: input.owner,
      repo: input.repo,
      run_id: input.run_id,
      enable_debug_logging: input.enable_debug_logging,
    };
    if (input.failed_jobs_only) await octokit.rest.actions.reRunWorkflowFailedJobs(params);
    else await octokit.rest.actions.reRunWorkflow(params);
    return { run_id: input.run_id, failed_jobs_only: input.failed_jobs_only, requested: true };
  },
});
