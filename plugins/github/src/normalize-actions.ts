import { z } from '@mcpist/plugin-sdk';

/**
 * Normalized GitHub Actions workflow runs (DESIGN §3): which workflow ran on
 * what, triggered by whom, and how it ended.
 */

/** One workflow run as list_workflow_runs returns it. */
export const workflowRunRecord = z.object({
  id: z.number().describe('Run id; use it with get_workflow_run and rerun_workflow_run'),
  name: z.string().nullable().describe('Workflow name, e.g. CI'),
  title: z.string().describe('What the run is about: the commit message or pull request title'),
  run_number: z.number(),
  event: z.string().describe('What triggered it: push, pull_request, schedule, workflow_dispatch…'),
  status: z.string().nullable().describe('queued, in_progress, completed, waiting…'),
  conclusion: z.string().nullable().describe('success, failure, cancelled, skipped, timed_out…; null until completed'),
  head_branch: z.string().nullable(),
  head_sha: z.string(),
  actor: z.string().nullable().describe('Login of the account that triggered it'),
  created_at: z.string(),
  html_url: z.string(),
});

/** One workflow run with the facts get_workflow_run adds. */
export const workflowRunDetailRecord = workflowRunRecord.extend({
  workflow_path: z.string().describe('Workflow file, e.g. .github/workflows/ci.yml'),
  run_attempt: z.number().describe('1 for the first attempt, higher after re-runs'),
  run_started_at: z.string().nullable(),
  updated_at: z.string(),
  pull_requests: z.string().describe('Numbers of the pull requests it ran for, comma-separated; empty when none'),
  head_commit_message: z.string().nullable().describe('First line of the head commit message'),
});

/** A re-run request GitHub accepted. */
export const rerunRecord = z.object({
  run_id: z.number(),
  failed_jobs_only: z.boolean(),
  requested: z.boolean().describe('true: GitHub queued the re-run; check it with get_workflow_run'),
});

export type WorkflowRunRecord = z.output<typeof workflowRunRecord>;
export type WorkflowRunDetailRecord = z.output<typeof workflowRunDetailRecord>;

/** The fields of GitHub's `workflow-run` we read. */
export interface GitHubWorkflowRun {
  id: number | bigint;
  name?: string | null;
  display_title: string;
  run_number: number;
  run_attempt?: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  path: string;
  actor?: { login: string } | null;
  pull_requests: ReadonlyArray<{ number: number }> | null;
  head_commit: { message: string } | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  html_url: string;
}

export function toWorkflowRunRecord(run: GitHubWorkflowRun): WorkflowRunRecord {
  return {
    id: Number(run.id),
    name: run.name ?? null,
    title: run.display_title,
    run_number: run.run_number,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    actor: run.actor?.login ?? null,
    created_at: run.created_at,
    html_url: run.html_url,
  };
}

export function toWorkflowRunDetailRecord(run: GitHubWorkflowRun): WorkflowRunDetailRecord {
  return {
    ...toWorkflowRunRecord(run),
    workflow_path: run.path,
    run_attempt: run.run_attempt ?? 1,
    run_started_at: run.run_started_at ?? null,
    updated_at: run.updated_at,
    pull_requests: (run.pull_requests ?? []).map((pull) => pull.number).join(', '),
    head_commit_message: run.head_commit ? (run.head_commit.message.split('\n', 1)[0] ?? '') : null,
  };
}
