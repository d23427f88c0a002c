import { defineTool, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { calendarIdField, eventIdField, sendUpdatesField } from '../input-fields.js';
import { deletedRecord } from '../normalize.js';

export const deleteEvent = defineTool({
  name: 'delete_event',
  description: `Deletes (cancels) an event from a Google calendar. For a recurring event, an occurrence's id (from list_events with single_events) deletes that one occurrence; the series id deletes the whole series. Guests are told only if send_updates says so.
Use it only when the user clearly asked to delete or cancel this event; confirm the event with get_event first if there is any doubt. It cannot be undone through this plugin.
Returns one record: id, calendar_id, deleted (true). An event that was already deleted fails as not found.`,
  input: z.object({
    calendar_id: calendarIdField,
    event_id: eventIdField,
    send_updates: sendUpdatesField,
  }),
  output: deletedRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const { api, call } = await createCalendarClient(ctx);
    await api.events.delete(
      { calendarId: input.calendar_id, eventId: input.event_id, sendUpdates: input.send_updates },
      call,
    );
    return { id: input.event_id, calendar_id: input.calendar_id, deleted: true };
  },
});
