import type { calendar_v3 } from '@googleapis/calendar';
import { defineTool, NotFoundError, UpstreamPermanentError, UpstreamTransientError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { checkTimeRange } from '../event-times.js';
import { instantField, timeZoneField } from '../input-fields.js';
import { busyDayRecord, toBusyDayRecords } from '../normalize.js';
import { checkTimeZone } from '../zoned-time.js';

/** Google's limit on calendars in one free/busy query. */
const MAX_CALENDARS = 50;

/** Per-calendar reasons worth a retry (Google's free/busy `errors[].reason`). */
const TRANSIENT_REASONS = new Set(['internalError', 'backendError']);

/**
 * Google answers 200 even when a calendar could not be read, with `errors`
 * and an empty busy list for it. Reporting that as "free" would mislead:
 * find_free_slot fails with this, naming the calendars and why; so does
 * freebusy_query when no calendar could be read or a retry may help.
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

/** True when Google could read at least one of the calendars. */
function anyReadable(calendars: calendar_v3.Schema$FreeBusyResponse['calendars'], ids: readonly string[]): boolean {
  return ids.some((id) => (calendars?.[id]?.errors ?? []).length === 0);
}

export const freebusyQuery = defineTool({
  name: 'freebusy_query',
  description: `Finds when one or more Google calendars are busy in a time range, without reading event details: the user's own calendars, shared ones, or colleagues' calendars (by email) that share free/busy information.
Use it to see people's days or check for clashes before create_event or update_event, e.g. "what does Ada's Tuesday look like?"; to find a time that suits everyone, find_free_slot does the search.
Returns one record per calendar and day with busy times: calendar (as asked for), date (YYYY-MM-DD in time_zone), busy (local ranges, e.g. "09:00-10:30 13:00-14:00"; a range across midnight ends at 24:00 and goes on at 00:00 the next day; on a daylight-saving change day each time carries its offset). Days and calendars without records are free for the whole range. A calendar that cannot be seen gets one record with date null and error (e.g. notFound), never reported as free; the call fails if no calendar can be read.`,
  input: z.object({
    time_min: instantField.describe('Start of the range, RFC 3339 with offset, e.g. 2026-03-10T08:00:00+01:00'),
    time_max: instantField.describe('End of the range, RFC 3339 with offset, e.g. 2026-03-10T18:00:00+01:00'),
    calendar_ids: z
      .array(z.string().trim().min(1).max(1024))
      .min(1)
      .max(MAX_CALENDARS)
      .default(['primary'])
      .describe('Calendars to check: ids from list_calendars or people\'s email addresses; default ["primary"]'),
    time_zone: timeZoneField
      .optional()
      .describe('IANA time zone of the returned dates and times, e.g. "Europe/Berlin"; default UTC'),
  }),
  output: busyDayRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    checkTimeRange(input.time_min, input.time_max);
    if (input.time_zone) checkTimeZone(input.time_zone, 'time_zone');
    const ids = [...new Set(input.calendar_ids)];
    const { api, call } = await createCalendarClient(ctx);
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
    // Some calendars unreadable for good: their records say why. None readable, or worth a retry: the call fails.
    const failure = failedCalendars(data.calendars, ids);
    if (failure && (!anyReadable(data.calendars, ids) || failure instanceof UpstreamTransientError)) throw failure;
    return toBusyDayRecords(ids, data.calendars, input.time_zone ?? 'UTC').slice(0, ctx.limits.maxRecords);
  },
});
