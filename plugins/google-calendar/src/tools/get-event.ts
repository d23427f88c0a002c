import { defineTool, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { calendarIdField, eventIdField } from '../input-fields.js';
import { eventDetailRecord, toEventDetailRecord } from '../normalize.js';

export const getEvent = defineTool({
  name: 'get_event',
  description: `Reads one Google Calendar event by its id, with its description, guests and organizer.
Use it after list_events when you need an event's details: who is invited and whether they accepted, the agenda in its description, or its exact times before changing it.
Returns one record: id, summary, start, end, status, html_link, location, description, attendees ("email (responseStatus)", comma-separated), organizer, updated.`,
  input: z.object({
    calendar_id: calendarIdField,
    event_id: eventIdField,
  }),
  output: eventDetailRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.events.get({ calendarId: input.calendar_id, eventId: input.event_id }, call);
    return toEventDetailRecord(data);
  },
});
