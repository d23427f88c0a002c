import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { issueNumberField, labelsField, loginsField, ownerField, repoField } from '../input-fields.js';
import { issueDetailRecord, toIssueDetailRecord } from '../normalize.js';

const CHANGES = ['title', 'body', 'state', 'state_reason', 'labels', 'assignees'] as const;

export const updateIssue = defineTool({
  name: 'update_issue',
  description: `Changes an existing GitHub issue (or a pull request's title, text, labels and assignees): rename it, rewrite its text, close or reopen it, replace its labels or assignees.
Use it to close an issue as completed or not planned, reopen one, or relabel/reassign it. Only the fields you pass change. labels and assignees REPLACE the current lists (pass [] to clear); read the issue with get_issue first if you want to add to them.
Returns the updated issue: id, number, title, state, html_url, user, labels, comments, created_at, body, assignees, updated_at.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    issue_number: issueNumberField,
    title: z.string().trim().min(1).max(256).optional().describe('New title'),
    body: z.string().max(65_536).optional().describe('New text in GitHub Markdown (replaces the old text)'),
    state: z.enum(['open', 'closed']).optional().describe('closed to close the issue, open to reopen it'),
    state_reason: z
      .enum(['completed', 'not_planned', 'duplicate', 'reopened'])
      .optional()
      .describe('Why it was closed (completed, not_planned, duplicate) or reopened; with state'),
    labels: labelsField.optional().describe('The full new list of label names'),
    assignees: loginsField.optional().describe('The full new list of assignee logins'),
  }),
  output: issueDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (!CHANGES.some((field) => input[field] !== undefined)) {
      throw new InvalidInputError(`update_issue needs at least one of: ${CHANGES.join(', ')}`, { field: 'title' });
    }
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.issues.update({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      title: input.title,
      body: input.body,
      state: input.state,
      state_reason: input.state_reason,
      labels: input.labels,
      assignees: input.assignees,
    });
    return toIssueDetailRecord(data);
  },
});
