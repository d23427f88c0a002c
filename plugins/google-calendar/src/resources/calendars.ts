import { defineResource, defineResourceTemplate, z } from '@mcpist/plugin-sdk';
import { calendarIdField } from '../input-fields.js';
import { listCalendars } from '../tools/list-calendars.js';
import { listEvents } from '../tools/list-events.js';

/** How far ahead the upcoming-events resource looks. */
const UPCOMING_DAYS = 7;

/** The calendars the account sees, as a Markdown list with their ids. */
export const calendarsResource = defineResource({
  name: 'calendars',
  title: 'My Google calendars',
  description: 'The Google calendars of the connected account, as a Markdown list: name, id, access and time zone.',
  uri: 'google-calendar://calendars',
  requires: 'list_calendars',
  read: async (ctx) => {
    const calendars = (await listCalendars.handler(listCalendars.input.parse({}), ctx)) as {
      id: string;
      summary: string | null;
      primary: boolean;
      access_role: string;
      time_zone: string | null;
    }[];
    const lines = calendars.map(
      (calendar) =>
        `- **${calendar.summary ?? calendar.id}**${calendar.primary ? ' (primary)' : ''}: \`${calendar.id}\`, ${calendar.access_role}${calendar.time_zone ? `, ${calendar.time_zone}` : ''}`,
    );
    return ['# Calendars', '', ...(lines.length ? lines : ['_No calendars._'])].join('\n');
  },
});

/** The next week of a calendar, one line per event. */
export const upcomingResource = defineResourceTemplate({
  name: 'upcoming',
  title: 'Upcoming events of a calendar',
  description: `The events of a Google calendar in the next ${UPCOMING_DAYS} days, as a Markdown list (use "primary" for the account's own calendar).`,
  uriTemplate: 'google-calendar://calendar/{calendar_id}/upcoming',
  requires: 'list_events',
  params: z.object({ calendar_id: calendarIdField }),
  complete: {
    calendar_id: async (value, _others, ctx) => {
      const calendars = (await listCalendars.handler(listCalendars.input.parse({}), ctx)) as { id: string }[];
      return ['primary', ...calendars.map((calendar) => calendar.id)].filter((id) => id.startsWith(value));
    },
  },
  read: async ({ calendar_id }, ctx) => {
    const now = new Date();
    const until = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
    const events = (await listEvents.handler(
      listEvents.input.parse({ calendar_id, time_min: now.toISOString(), time_max: until.toISOString() }),
      ctx,
    )) as { summary: string | null; start: string | null; end: string | null; location: string | null }[];
    const lines = events.map(
      (event) =>
        `- ${event.start ?? '?'} – ${event.end ?? '?'}: **${event.summary ?? '(no title)'}**${event.location ? ` (${event.location})` : ''}`,
    );
    return [
      `# Next ${UPCOMING_DAYS} days of ${calendar_id}`,
      '',
      ...(lines.length ? lines : ['_Nothing planned._']),
    ].join('\n');
  },
});
