import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { calendarIdField, eventIdField, sendUpdatesField } from '../input-fields.js';
import { movedEventRecord, toEventDetailRecord } from '../normalize.js';

export const moveEvent = defineTool({
  name: 'move_event',
  description: `Moves an event from one Google calendar to another (e.g. from the personal calendar to a team calendar), keeping its id, times and guests; the destination calendar becomes its organizer.
Use it when the user wants an event on a different calendar; use update_event to change its time instead. The user needs write access to both calendars (list_calendars with min_access_role "writer"), and only events organized on the source calendar can be moved (not invitations from others, nor single occurrences of a recurring series).
Returns the moved event: id, summary, start, end, status, html_link, location, description, attendees, organizer, updated, calendar_id (the destination).`,
  input: z.object({
    calendar_id: calendarIdField.describe('Calendar the event is on now; default "primary"'),
    event_id: eventIdField,
    destination_calendar_id: z
      .string()
      .trim()
      .min(1)
      .max(1024)
      .refine((value) => value !== '.' && value !== '..', 'not a calendar id')
      .describe('Calendar id to move the event to, from list_calendars (e.g. c_…@group.calendar.google.com)'),
    send_updates: sendUpdatesField,
  }),
  output: movedEventRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (input.destination_calendar_id === input.calendar_id) {
      throw new InvalidInputError('the event is on that calendar already', { field: 'destination_calendar_id' });
    }
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.events.move(
      {
        calendarId: input.calendar_id,
        eventId: input.event_id,
        destination: input.destination_calendar_id,
        sendUpdates: input.send_updates,
      },
      call,
    );
    return { ...toEventDetailRecord(data), calendar_id: input.destination_calendar_id };
  },
});
