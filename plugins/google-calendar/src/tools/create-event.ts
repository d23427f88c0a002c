import { defineTool, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { eventTimes } from '../event-times.js';
import { attendeesField, calendarIdField, sendUpdatesField, timeZoneField, whenField } from '../input-fields.js';
import { eventDetailRecord, toEventDetailRecord } from '../normalize.js';

export const createEvent = defineTool({
  name: 'create_event',
  description: `Creates an event in a Google calendar (default: the user's primary calendar) as the connected account.
Use it when the user asks to schedule, book or block time. For a timed event give start and end as date-times with an offset (2026-03-10T14:00:00+01:00), or without one plus time_zone; for an all-day event give dates, with end the day after the last day (start 2026-03-10, end 2026-03-11 is one day). Check for clashes with freebusy_query or list_events first when it matters. Guests get an email only if send_updates says so. For a one-line request such as "Lunch with Ada tomorrow 12:30", quick_add is simpler.
Returns the created event: id, summary, start, end, status, html_link, location, description, attendees, organizer, updated.`,
  input: z.object({
    calendar_id: calendarIdField,
    summary: z.string().trim().min(1).max(1024).describe('Event title'),
    start: whenField.describe('Start: YYYY-MM-DD (all-day) or a date-time, e.g. 2026-03-10T14:00:00+01:00'),
    end: whenField.describe('End (exclusive): same form as start; for all-day events the day after the last day'),
    time_zone: timeZoneField.optional(),
    description: z.string().max(8192).optional().describe('Event description or agenda'),
    location: z.string().trim().max(1024).optional().describe('Where: a room, an address or a link'),
    attendees: attendeesField.optional().describe('Guests to invite, by email address'),
    send_updates: sendUpdatesField,
  }),
  output: eventDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const times = eventTimes(input);
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.events.insert(
      {
        calendarId: input.calendar_id,
        sendUpdates: input.send_updates,
        requestBody: {
          summary: input.summary,
          ...times,
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.location !== undefined ? { location: input.location } : {}),
          ...(input.attendees ? { attendees: input.attendees.map((email) => ({ email })) } : {}),
        },
      },
      call,
    );
    return toEventDetailRecord(data);
  },
});
