import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { eventTimes } from '../event-times.js';
import {
  attendeesField,
  calendarIdField,
  eventIdField,
  sendUpdatesField,
  timeZoneField,
  whenField,
} from '../input-fields.js';
import { eventDetailRecord, toEventDetailRecord } from '../normalize.js';

/** The fields update_event may change; anything not given stays as it is. */
const CHANGEABLE = ['summary', 'start', 'end', 'description', 'location', 'attendees'] as const;

export const updateEvent = defineTool({
  name: 'update_event',
  description: `Changes an existing Google Calendar event: only the fields you give are changed, everything else stays (patch semantics).
Use it to rename, move or extend an event, change its description or location, or change its guest list. attendees replaces the whole guest list: to add a guest, read the current list with get_event and pass it plus the new address. Moving a timed event usually needs both start and end; start and end take the same forms as in create_event. Guests get an email only if send_updates says so.
Returns the updated event: id, summary, start, end, status, html_link, location, description, attendees, organizer, updated.`,
  input: z.object({
    calendar_id: calendarIdField,
    event_id: eventIdField,
    summary: z.string().trim().min(1).max(1024).optional().describe('New title'),
    start: whenField.optional().describe('New start: YYYY-MM-DD (all-day) or a date-time with offset'),
    end: whenField.optional().describe('New end (exclusive), same form as start'),
    time_zone: timeZoneField.optional(),
    description: z.string().max(8192).optional().describe('New description; "" clears it'),
    location: z.string().trim().max(1024).optional().describe('New location; "" clears it'),
    attendees: attendeesField.optional().describe('The complete new guest list, by email; [] removes every guest'),
    send_updates: sendUpdatesField,
  }),
  output: eventDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (!CHANGEABLE.some((field) => input[field] !== undefined)) {
      throw new InvalidInputError(`nothing to change: give at least one of ${CHANGEABLE.join(', ')}`);
    }
    const times = eventTimes(input);
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.events.patch(
      {
        calendarId: input.calendar_id,
        eventId: input.event_id,
        sendUpdates: input.send_updates,
        requestBody: {
          ...(input.summary !== undefined ? { summary: input.summary } : {}),
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
