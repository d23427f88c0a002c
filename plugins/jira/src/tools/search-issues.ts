import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField } from '../input-fields.js';
import { type IssueRecord, issueRecord, type JiraIssue, toIssueRecord } from '../normalize.js';

/** Only the fields the records carry: smaller pages, and Jira counts fewer points. */
const SEARCH_FIELDS = ['summary', 'status', 'assignee', 'priority', 'updated'];

export const searchIssues = defineTool({
  name: 'search_issues',
  description: `Searches Jira issues with JQL (Jira Query Language), following pages up to the server's record limit or "limit".
Use it to find or list issues: by project, assignee, status, text or dates, e.g. jql = 'project = PROJ AND status = "In Progress" ORDER BY updated DESC', 'assignee = currentUser() AND resolution = Unresolved', 'text ~ "login error" AND created >= -14d'. The JQL must contain at least one condition (Jira rejects a bare ORDER BY).
Returns one record per issue: key, summary, status, assignee, priority, updated. Use get_issue with the key for the description and other details.`,
  input: z.object({
    jql: z.string().trim().min(1).max(10_000).describe('JQL query, e.g. project = PROJ AND statusCategory != Done'),
    limit: limitField,
  }),
  output: issueRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    // The enhanced search (/rest/api/3/search/jql) pages with nextPageToken; POST keeps long JQL out of the URL.
    return collectPages<string | null, JiraIssue, IssueRecord>({
      limit: recordLimit(ctx, input.limit),
      first: null,
      fetchPage: async (token, pageSize) => {
        const page = await api.issueSearch.searchAndReconsileIssuesUsingJqlPost({
          jql: input.jql,
          fields: SEARCH_FIELDS,
          maxResults: pageSize,
          nextPageToken: token ?? undefined,
        });
        const next = page.isLast === true ? undefined : (page.nextPageToken ?? undefined);
        return { items: page.issues ?? [], next };
      },
      toRecord: toIssueRecord,
    });
  },
});
