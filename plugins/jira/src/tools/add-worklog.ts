import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { textToAdf } from '../adf.js';
import { createJiraClient } from '../client.js';
import { issueKeyField, richTextField } from '../input-fields.js';
import { displayName, isoTime } from '../normalize.js';
import { addedWorklogRecord } from '../normalize-work.js';

/** Jira's own notation: "3h", "1h 30m", "2d 4h", "1w" (weeks, days, hours, minutes). */
const JIRA_DURATION = /^(?:\d+(?:\.\d+)?[wdhm]\s*)+$/i;
const ISO_DURATION = /^PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i;

/**
 * What to send for a duration: Jira's notation as `timeSpent`, read by Jira
 * with the site's working day and week (a "1d" is 8 hours by default); an ISO
 * 8601 duration ("PT1H30M") as exact `timeSpentSeconds`.
 */
export function worklogDuration(text: string): { timeSpent: string } | { timeSpentSeconds: number } {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (JIRA_DURATION.test(trimmed)) return { timeSpent: trimmed.toLowerCase() };
  const iso = ISO_DURATION.exec(trimmed);
  if (iso && /^PT/i.test(trimmed) && trimmed.length > 2) {
    const [, hours = '0', minutes = '0', seconds = '0'] = iso;
    const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
    if (total >= 60) return { timeSpentSeconds: total };
  }
  throw new InvalidInputError(
    `time_spent "${text.slice(0, 40)}" is not a duration: write it as Jira does ("1h 30m", "2d", "45m") or as ISO 8601 ("PT1H30M"), at least one minute`,
    { field: 'time_spent' },
  );
}

/** Jira's worklog time format: `2026-01-05T10:00:00.000+0000` (it refuses RFC 3339's `Z` and `+00:00`). */
export function jiraTimestamp(time: Date): string {
  return time.toISOString().replace('Z', '+0000');
}

export const addWorklog = defineTool({
  name: 'add_worklog',
  description: `Logs time spent on a Jira issue (adds a worklog) as the connected account; the issue's remaining estimate is reduced by it.
Use it when the user says they worked on an issue for some time. time_spent is Jira's notation ("1h 30m", "2d", "45m"; a day is the site's working day, 8h by default) or an ISO 8601 duration ("PT1H30M"); started is when the work began as an RFC 3339 time (default: now).
Returns id, issue_key, author, started, time_spent, time_spent_seconds of the new worklog.`,
  input: z.object({
    issue_key: issueKeyField,
    time_spent: z.string().trim().min(2).max(40).describe('Time worked, e.g. "1h 30m", "2d", "45m" or "PT1H30M"'),
    started: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the work started, RFC 3339, e.g. "2026-01-05T09:30:00+01:00"; default now'),
    comment: richTextField.trim().min(1).optional().describe('What was done, plain text'),
  }),
  output: addedWorklogRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const duration = worklogDuration(input.time_spent);
    const started = jiraTimestamp(input.started === undefined ? new Date() : new Date(input.started));
    const { api } = await createJiraClient(ctx);
    // An ADF comment keeps jira.js on REST v3 (a string comment would make it post to v2).
    const worklog = await api.issueWorklogs.addWorklog({
      issueIdOrKey: input.issue_key,
      started,
      ...duration,
      ...(input.comment ? { comment: textToAdf(input.comment) } : {}),
    });
    return {
      id: worklog.id ?? '',
      issue_key: input.issue_key,
      author: displayName(worklog.author),
      started: isoTime(worklog.started),
      time_spent: worklog.timeSpent ?? null,
      time_spent_seconds: worklog.timeSpentSeconds ?? null,
    };
  },
});
