import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createCalendarClient, MAX_EVENTS_PER_PAGE, recordLimit } from '../client.js';
import { checkTimeRange } from '../event-times.js';
import { calendarIdField, eventIdField, instantField, limitField } from '../input-fields.js';
import { eventRecord, toEventRecord } from '../normalize.js';

export const listEventInstances = defineTool({
  name: 'list_event_instances',
  description: `Lists the occurrences of one recurring Google Calendar event (a series such as a weekly meeting), in time order, following pages up to the server's record limit.
Use it to answer "when are the next Weekly syncs?" or to get the id of one occurrence, to change, answer or delete just that one (an occurrence's id works with get_event, update_event, respond_to_event and delete_event). Give the series id (list_events with single_events false lists each series once; an occurrence's id without its "_2026…" suffix is the series id). An open-ended series has no last occurrence: give time_max.
Returns one record per occurrence: id, summary, start, end, status, html_link, location.`,
  input: z.object({
    calendar_id: calendarIdField,
    event_id: eventIdField.describe('Id of the recurring event (the series)'),
    time_min: instantField
      .optional()
      .describe('Only occurrences ending after this RFC 3339 time with offset, e.g. 2026-03-09T00:00:00+01:00'),
    time_max: instantField
      .optional()
      .describe('Only occurrences starting before this RFC 3339 time with offset, e.g. 2026-06-30T00:00:00+02:00'),
    limit: limitField.describe('Return at most this many occurrences'),
  }),
  output: eventRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    checkTimeRange(input.time_min, input.time_max);
    const { api, call } = await createCalendarClient(ctx);
    return collectPages(
      async ({ pageToken, maxResults }) => {
        const { data } = await api.events.instances(
          {
            calendarId: input.calendar_id,
            eventId: input.event_id,
            timeMin: input.time_min,
            timeMax: input.time_max,
            maxResults,
            pageToken,
          },
          call,
        );
        return data;
      },
      { maxRecords: recordLimit(ctx, input.limit), maxPageSize: MAX_EVENTS_PER_PAGE },
      (event) => (event.status === 'cancelled' ? undefined : toEventRecord(event)),
    );
  },
});
