import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { issueKeyField, limitField } from '../input-fields.js';
import { type JiraWorklog, toWorklogRecord, type WorklogRecord, worklogRecord } from '../normalize-work.js';

export const listWorklogs = defineTool({
  name: 'list_worklogs',
  description: `Lists the time logged on a Jira issue (its worklogs), oldest first, following pages up to the server's record limit or "limit".
Use it to answer who worked on an issue and for how long, or to total the time spent; started_after narrows it to recent work, e.g. "2026-01-01T00:00:00Z".
Returns one record per worklog: id, author, started, time_spent (e.g. "1h 30m"), time_spent_seconds, comment.`,
  input: z.object({
    issue_key: issueKeyField,
    started_after: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only work started at or after this RFC 3339 time, e.g. "2026-01-05T00:00:00Z"'),
    limit: limitField,
  }),
  output: worklogRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    const startedAfter = input.started_after === undefined ? undefined : Date.parse(input.started_after);
    return collectPages<number, JiraWorklog, WorklogRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: async (startAt, pageSize) => {
        const page = await api.issueWorklogs.getIssueWorklog({
          issueIdOrKey: input.issue_key,
          startAt,
          maxResults: pageSize,
          startedAfter,
        });
        const worklogs = page.worklogs ?? [];
        const nextStart = (page.startAt ?? startAt) + worklogs.length;
        const done = typeof page.total === 'number' ? nextStart >= page.total : worklogs.length < pageSize;
        return { items: worklogs, next: done ? undefined : nextStart };
      },
      toRecord: toWorklogRecord,
    });
  },
});
