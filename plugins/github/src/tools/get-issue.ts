import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { issueDetailRecord, toIssueDetailRecord } from '../normalize.js';

export const getIssue = defineTool({
  name: 'get_issue',
  description: `Reads one GitHub issue (or pull request) by its number, including its full Markdown text.
Use it after list_issues or search_issues when you need what an issue says, who it is assigned to, or when it last changed.
Returns one record: id, number, title, state, html_url, user, labels, comments, created_at, body, assignees, updated_at.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    issue_number: z.number().int().positive().describe('The issue number shown as #123 on GitHub'),
  }),
  output: issueDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.issues.get({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
    });
    return toIssueDetailRecord(data);
  },
});
