import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient, recordLimit } from '../client.js';
import { fetchComments } from '../comments.js';
import { issueKeyField } from '../input-fields.js';
import { issueDetailRecord, toIssueDetailRecord } from '../normalize.js';
import { commentTextRecord, issueLinkRecord, type JiraIssueLink, toIssueLinkRecord } from '../normalize-work.js';

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
  'issuelinks',
];

/** get_issue's record: the issue, its links, and its comments when asked for. */
const getIssueRecord = issueDetailRecord.extend({
  links: z.array(issueLinkRecord).describe('Links to other issues, e.g. "blocks PROJ-7"'),
  comments: z
    .array(commentTextRecord)
    .nullable()
    .describe('Comments, oldest first, when include_comments is true; else null'),
});

export const getIssue = defineTool({
  name: 'get_issue',
  description: `Reads one Jira issue by its key, including its description as plain text, its links to other issues and, with include_comments: true, its comments.
Use it after search_issues when you need what an issue says, who reported it or is working on it, its labels, what it blocks or depends on, or the discussion on it.
Returns one record: key, summary, status, issue_type, priority, assignee, assignee_account_id, reporter, labels, created, updated, url, description, links (relation, key, summary, status), comments (id, author, created, updated, body; null unless requested).`,
  input: z.object({
    issue_key: issueKeyField,
    include_comments: z
      .boolean()
      .default(false)
      .describe("Also return the issue's comments (oldest first, up to the server's record limit)"),
  }),
  output: getIssueRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const jira = await createJiraClient(ctx);
    const issue = await jira.api.issues.getIssue({ issueIdOrKey: input.issue_key, fields: DETAIL_FIELDS });
    const key = issue.key ?? input.issue_key;
    const links = (issue.fields?.issuelinks ?? []) as JiraIssueLink[];
    const comments = input.include_comments ? await fetchComments(jira.api, key, recordLimit(ctx), 'oldest') : null;
    return {
      ...toIssueDetailRecord(issue, jira.browseUrl(key)),
      links: links.map(toIssueLinkRecord),
      comments,
    };
  },
});
