import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField } from '../input-fields.js';
import { type IssueRecord, issueRecord, type JiraIssue, toIssueRecord } from '../normalize.js';

/** Only the fields the records carry, as search_issues asks. */
const SPRINT_FIELDS = ['summary', 'status', 'assignee', 'priority', 'updated'];

export const listSprintIssues = defineTool({
  name: 'list_sprint_issues',
  description: `Lists the issues in a Jira Software sprint, in rank order, following pages up to the server's record limit or "limit".
Use it after get_active_sprint to show what the team is working on in a sprint, optionally narrowed with JQL, e.g. jql = 'status != Done', 'assignee = currentUser()'.
Returns one record per issue: key, summary, status, assignee, priority, updated (as search_issues).`,
  input: z.object({
    sprint_id: z.number().int().positive().describe('Sprint id, e.g. 37 (from get_active_sprint)'),
    jql: z.string().trim().min(1).max(10_000).optional().describe('Extra JQL filter, e.g. status != Done'),
    limit: limitField,
  }),
  output: issueRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { agile } = await createJiraClient(ctx);
    // Jira Software's sprint issue listing pages with nextPageToken, like the enhanced JQL search.
    return collectPages<string | null, JiraIssue, IssueRecord>({
      limit: recordLimit(ctx, input.limit),
      first: null,
      fetchPage: async (token, pageSize) => {
        const page = await agile.sprint.getIssuesForSprint({
          sprintId: input.sprint_id,
          jql: input.jql,
          maxResults: pageSize,
          nextPageToken: token ?? undefined,
          // jira.js types fields as objects; Jira takes field names, repeated or comma-separated.
          fields: SPRINT_FIELDS as unknown as Record<string, unknown>[],
        });
        const next = page.isLast === true ? undefined : (page.nextPageToken ?? undefined);
        return { items: (page.issues ?? []) as JiraIssue[], next };
      },
      toRecord: toIssueRecord,
    });
  },
});
