import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField, runIdField } from '../input-fields.js';
import { toWorkflowRunDetailRecord, workflowRunDetailRecord } from '../normalize-actions.js';

export const getWorkflowRun = defineTool({
  name: 'get_workflow_run',
  description: `Reads one GitHub Actions workflow run by id: its state and result, which attempt it is, the workflow file and the pull requests it ran for.
Use it to follow a run after rerun_workflow_run (status goes queued → in_progress → completed) or to look closer at a run from list_workflow_runs.
Returns one record: id, name, title, run_number, event, status, conclusion, head_branch, head_sha, actor, created_at, html_url, workflow_path, run_attempt, run_started_at, updated_at, pull_requests, head_commit_message.`,
  input: z.object({ owner: ownerField, repo: repoField, run_id: runIdField }),
  output: workflowRunDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.actions.getWorkflowRun({
      owner: input.owner,
      repo: input.repo,
      run_id: input.run_id,
    });
    return toWorkflowRunDetailRecord(data);
  },
});
