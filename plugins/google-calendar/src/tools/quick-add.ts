import { defineTool, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { calendarIdField, sendUpdatesField } from '../input-fields.js';
import { eventDetailRecord, toEventDetailRecord } from '../normalize.js';

export const quickAdd = defineTool({
  name: 'quick_add',
  description: `Creates an event from one line of text, the way Google Calendar's "quick add" box does: Google reads the title, date, time and place from the text itself (in the calendar's time zone and language).
Use it when the user's request is a single sentence such as "Lunch with Ada at Noma tomorrow 12:30-13:30"; when you need exact times, guests or a description, use create_event instead. Check the returned start and end: Google's reading of the text may differ from what was meant.
Returns the created event: id, summary, start, end, status, html_link, location, description, attendees, organizer, updated.`,
  input: z.object({
    calendar_id: calendarIdField,
    text: z.string().trim().min(1).max(1024).describe('The event in words, e.g. "Dentist Friday 9am"'),
    send_updates: sendUpdatesField,
  }),
  output: eventDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.events.quickAdd(
      { calendarId: input.calendar_id, text: input.text, sendUpdates: input.send_updates },
      call,
    );
    return toEventDetailRecord(data);
  },
});
