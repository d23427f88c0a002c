import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { collectPages, createCalendarClient, MAX_EVENTS_PER_PAGE, recordLimit } from '../client.js';
import { checkTimeRange } from '../event-times.js';
import { calendarIdField, instantField, limitField } from '../input-fields.js';
import { eventRecord, toEventRecord } from '../normalize.js';

export const listEvents = defineTool({
  name: 'list_events',
  description: `Lists the events of one Google calendar (default: the user's primary calendar), following pages up to the server's record limit. By default recurring events are expanded into their single occurrences and sorted by start time.
Use it to answer "what is on my calendar" for a period (give time_min and time_max, e.g. this week), to find an event by words in its title, description, location or guests (q), or to get an event_id for get_event, update_event or delete_event. Without time_min the list starts at the calendar's oldest event, so give time_min (e.g. now) for upcoming events. For only free/busy times across calendars, freebusy_query is cheaper.
Returns one record per event: id, summary, start, end (date-times, or YYYY-MM-DD for all-day events, end exclusive), status, html_link, location.`,
  input: z.object({
    calendar_id: calendarIdField,
    time_min: instantField
      .optional()
      .describe('Only events ending after this RFC 3339 time with offset, e.g. 2026-03-09T00:00:00+01:00'),
    time_max: instantField
      .optional()
      .describe('Only events starting before this RFC 3339 time with offset, e.g. 2026-03-16T00:00:00+01:00'),
    q: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Free-text search in title, description, location and guests'),
    single_events: z
      .boolean()
      .default(true)
      .describe('Expand recurring events into single occurrences (default true); false lists each series once'),
    order_by: z
      .enum(['startTime', 'updated'])
      .optional()
      .describe(
        'startTime (the default when single_events is true, which it needs) or updated (least recently modified first)',
      ),
    limit: limitField.describe('Return at most this many events'),
  }),
  output: eventRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    if (input.order_by === 'startTime' && !input.single_events) {
      throw new InvalidInputError('order_by "startTime" needs single_events: true (Google cannot sort series)', {
        field: 'order_by',
      });
    }
    checkTimeRange(input.time_min, input.time_max);
    const orderBy = input.order_by ?? (input.single_events ? 'startTime' : undefined);
    const { api, call } = await createCalendarClient(ctx);
    return collectPages(
      async ({ pageToken, maxResults }) => {
        const { data } = await api.events.list(
          {
            calendarId: input.calendar_id,
            timeMin: input.time_min,
            timeMax: input.time_max,
            q: input.q,
            singleEvents: input.single_events,
            orderBy,
            maxResults,
            pageToken,
          },
          call,
        );
        return data;
      },
      { maxRecords: recordLimit(ctx, input.limit), maxPageSize: MAX_EVENTS_PER_PAGE },
      // Cancelled occurrences of a series still show up when single_events is false; they are not events the user has.
      (event) => (event.status === 'cancelled' ? undefined : toEventRecord(event)),
    );
  },
});
