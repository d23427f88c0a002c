import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { calendarIdField, eventIdField, sendUpdatesField } from '../input-fields.js';
import { eventDetailRecord, toEventDetailRecord } from '../normalize.js';

export const respondToEvent = defineTool({
  name: 'respond_to_event',
  description: `Answers an invitation to a Google Calendar event as the connected user: accepted, declined or tentative, optionally with a note to the organizer.
Use it when the user says to accept, decline or say "maybe" to a meeting they were invited to; find the event_id with list_events (for one occurrence of a recurring meeting, use that occurrence's id; the series id answers for every occurrence). Only the user's own answer changes; the event itself and the other guests' answers stay as they are. Fails if the user is not on the guest list (for example on events they organize).
Returns the event: id, summary, start, end, status, html_link, location, description, attendees ("email (responseStatus)"), organizer, updated.`,
  input: z.object({
    calendar_id: calendarIdField,
    event_id: eventIdField,
    response: z.enum(['accepted', 'declined', 'tentative']).describe('accepted, declined or tentative ("maybe")'),
    comment: z
      .string()
      .trim()
      .max(1024)
      .optional()
      .describe('A note to the organizer with the answer, e.g. "Running 5 min late"'),
    send_updates: sendUpdatesField,
  }),
  output: eventDetailRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api, call } = await createCalendarClient(ctx);
    const { data: event } = await api.events.get({ calendarId: input.calendar_id, eventId: input.event_id }, call);
    const attendees = event.attendees ?? [];
    const self = attendees.find((attendee) => attendee.self === true);
    // The organizer is listed among the guests too, but has no invitation to answer.
    if (event.organizer?.self || self?.organizer) {
      throw new InvalidInputError('this is your own event (you organize it): there is no invitation to answer', {
        field: 'event_id',
      });
    }
    if (!self) {
      throw new InvalidInputError('you are not on the guest list of this event, so there is no invitation to answer', {
        field: 'event_id',
      });
    }
    // A patch replaces the whole guest list, so the list goes back complete with only the user's entry changed.
    const answered = attendees.map((attendee) =>
      attendee.self === true
        ? {
            ...attendee,
            responseStatus: input.response,
            ...(input.comment === undefined ? {} : { comment: input.comment }),
          }
        : attendee,
    );
    const { data } = await api.events.patch(
      {
        calendarId: input.calendar_id,
        eventId: input.event_id,
        sendUpdates: input.send_updates,
        requestBody: { attendees: answered },
      },
      call,
    );
    return toEventDetailRecord(data);
  },
});
