import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { toWorkflowRunRecord, workflowRunRecord } from '../normalize-actions.js';

const RUN_STATUSES = [
  'completed',
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'skipped',
  'stale',
  'success',
  'timed_out',
  'in_progress',
  'queued',
  'requested',
  'waiting',
  'pending',
] as const;

export const listWorkflowRuns = defineTool({
  name: 'list_workflow_runs',
  description: `Lists GitHub Actions workflow runs (CI builds, deployments…) of a repository, newest first, following pages up to the server's record limit.
Use it to answer "did CI pass on my branch?", "what failed recently?" or to find a run to re-run: filter by workflow, branch, status (e.g. failure), event, actor, head commit or creation time. Then get_workflow_run for details or rerun_workflow_run.
Returns one record per run: id, name, title, run_number, event, status, conclusion, head_branch, head_sha, actor, created_at, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    workflow: z
      .union([z.number().int().positive(), z.string().trim().min(1).max(255)])
      .optional()
      .describe('Only runs of this workflow: its file name, e.g. "ci.yml", or its numeric id'),
    branch: z.string().trim().min(1).max(255).optional().describe('Only runs for this branch, e.g. "main"'),
    status: z
      .enum(RUN_STATUSES)
      .optional()
      .describe('Only runs in this status or with this conclusion, e.g. failure, success, in_progress, queued'),
    event: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Only runs triggered by this event, e.g. push, pull_request'),
    actor: z.string().trim().min(1).max(100).optional().describe('Only runs triggered by this login'),
    head_sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Only runs for this commit (full 40-character sha)'),
    created: z
      .string()
      .trim()
      .regex(/^[<>]?=?\d{4}-\d{2}-\d{2}(T[\d:]+Z?)?(\.\.\d{4}-\d{2}-\d{2}(T[\d:]+Z?)?)?$/)
      .optional()
      .describe('Creation time in GitHub search date syntax: ">=2026-01-31", "<2026-02-01", "2026-01-01..2026-01-31"'),
  }),
  output: workflowRunRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const filters = {
      owner: input.owner,
      repo: input.repo,
      branch: input.branch,
      status: input.status,
      event: input.event,
      actor: input.actor,
      head_sha: input.head_sha,
      created: input.created,
      per_page: pageSize(ctx),
    };
    // Octokit's paginator unwraps { total_count, workflow_runs } to the runs of each page.
    const pages =
      input.workflow === undefined
        ? octokit.paginate.iterator(octokit.rest.actions.listWorkflowRunsForRepo, filters)
        : octokit.paginate.iterator(octokit.rest.actions.listWorkflowRuns, {
            ...filters,
            workflow_id: input.workflow,
          });
    return collectRecords(pages, ctx.limits.maxRecords, toWorkflowRunRecord);
  },
});
