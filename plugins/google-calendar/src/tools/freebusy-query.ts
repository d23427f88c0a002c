import type { calendar_v3 } from '@googleapis/calendar';
import { defineTool, NotFoundError, UpstreamPermanentError, UpstreamTransientError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { checkTimeRange } from '../event-times.js';
import { instantField, timeZoneField } from '../input-fields.js';
import { busyRecord, toBusyRecords } from '../normalize.js';

/** Google's limit on calendars in one free/busy query. */
const MAX_CALENDARS = 50;

/** Per-calendar reasons worth a retry (Google's free/busy `errors[].reason`). */
const TRANSIENT_REASONS = new Set(['internalError', 'backendError']);

/**
 * Google answers 200 even when a calendar could not be read, with `errors`
 * and an empty busy list for it. Reporting that as "free" would mislead, so
 * such a query fails, naming the calendars and why.
 */
export function failedCalendars(calendars: calendar_v3.Schema$FreeBusyResponse['calendars'], ids: readonly string[]) {
  const failures = ids.flatMap((id) => {
    const reasons = (calendars?.[id]?.errors ?? []).map((error) => error.reason ?? 'unknown');
    return reasons.length > 0 ? [{ id, reasons }] : [];
  });
  if (failures.length === 0) return undefined;
  const message = `Google Calendar: free/busy unavailable for ${failures
    .map(({ id, reasons }) => `${id} (${reasons.join(', ')})`)
    .join('; ')}`.slice(0, 300);
  const reasons = failures.flatMap((failure) => failure.reasons);
  if (reasons.every((reason) => reason === 'notFound')) return new NotFoundError(message, { status: 404 });
  if (reasons.some((reason) => TRANSIENT_REASONS.has(reason))) return new UpstreamTransientError(message);
  return new UpstreamPermanentError(message);
}

export const freebusyQuery = defineTool({
  name: 'freebusy_query',
  description: `Finds when one or more Google calendars are busy in a time range, without reading event details: the user's own calendars, shared ones, or colleagues' calendars (by email) that share free/busy information.
Use it to find a free slot or check for clashes before create_event or update_event, e.g. "when are Ada and I both free on Tuesday?". Any time not covered by a busy interval in the range is free. Fails (not found) if a calendar cannot be seen, rather than reporting it as free.
Returns one record per busy interval: calendar (as asked for), start, end, in time order per calendar; no records means every calendar is free for the whole range.`,
  input: z.object({
    time_min: instantField.describe('Start of the range, RFC 3339 with offset, e.g. 2026-03-10T08:00:00+01:00'),
    time_max: instantField.describe('End of the range, RFC 3339 with offset, e.g. 2026-03-10T18:00:00+01:00'),
    calendar_ids: z
      .array(z.string().trim().min(1).max(1024))
      .min(1)
      .max(MAX_CALENDARS)
      .default(['primary'])
      .describe('Calendars to check: ids from list_calendars or people\'s email addresses; default ["primary"]'),
    time_zone: timeZoneField.optional().describe('IANA time zone for the returned times; default UTC'),
  }),
  output: busyRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    checkTimeRange(input.time_min, input.time_max);
    const ids = [...new Set(input.calendar_ids)];
    const { api, call } = createCalendarClient(ctx);
    const { data } = await api.freebusy.query(
      {
        requestBody: {
          timeMin: input.time_min,
          timeMax: input.time_max,
          ...(input.time_zone ? { timeZone: input.time_zone } : {}),
          items: ids.map((id) => ({ id })),
        },
      },
      call,
    );
    const failure = failedCalendars(data.calendars, ids);
    if (failure) throw failure;
    return toBusyRecords(ids, data.calendars).slice(0, ctx.limits.maxRecords);
  },
});
