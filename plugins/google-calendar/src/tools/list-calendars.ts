import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createCalendarClient, MAX_CALENDARS_PER_PAGE, recordLimit } from '../client.js';
import { limitField } from '../input-fields.js';
import { calendarRecord, toCalendarRecord } from '../normalize.js';

export const listCalendars = defineTool({
  name: 'list_calendars',
  description: `Lists the calendars on the connected Google account's calendar list: its own primary calendar, calendars it created, and calendars shared with it or subscribed to, following pages up to the server's record limit.
Use it to find the calendar_id of a calendar other than the primary one (e.g. a team or shared calendar) before listing, creating or querying events, or to see which calendars the user may write to.
Returns one record per calendar: id, summary (its name), primary, access_role (owner, writer, reader or freeBusyReader), time_zone.`,
  input: z.object({
    min_access_role: z
      .enum(['freeBusyReader', 'reader', 'writer', 'owner'])
      .optional()
      .describe('Only calendars where the user has at least this role; "writer" lists the ones events can be added to'),
    show_hidden: z.boolean().default(false).describe('Include calendars the user hid from the list; default false'),
    limit: limitField.describe('Return at most this many calendars'),
  }),
  output: calendarRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api, call } = await createCalendarClient(ctx);
    return collectPages(
      async ({ pageToken, maxResults }) => {
        const { data } = await api.calendarList.list(
          { maxResults, pageToken, minAccessRole: input.min_access_role, showHidden: input.show_hidden || undefined },
          call,
        );
        return data;
      },
      { maxRecords: recordLimit(ctx, input.limit), maxPageSize: MAX_CALENDARS_PER_PAGE },
      (entry) => (entry.deleted ? undefined : toCalendarRecord(entry)),
    );
  },
});
