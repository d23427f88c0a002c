import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { issueDetailRecord, toIssueDetailRecord } from '../normalize.js';

const DETAIL_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'priority',
  'assignee',
  'reporter',
  'labels',
  'created',
  'updated',
  'description',
];

export const getIssue = defineTool({
  name: 'get_issue',
  description: `Reads one Jira issue by its key, including its description as plain text.
Use it after search_issues when you need what an issue says, who reported it or is working on it, its labels or when it changed.
Returns one record: key, summary, status, issue_type, priority, assignee, assignee_account_id, reporter, labels, created, updated, url, description.`,
  input: z.object({ issue_key: issueKeyField }),
  output: issueDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const jira = await createJiraClient(ctx);
    const issue = await jira.api.issues.getIssue({ issueIdOrKey: input.issue_key, fields: DETAIL_FIELDS });
    return toIssueDetailRecord(issue, jira.browseUrl(issue.key ?? input.issue_key));
  },
});
