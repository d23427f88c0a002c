import { definePlugin, monogramIcon } from '@mcpist/plugin-sdk';
import { GOOGLE_CALENDAR_API_VERSION, PLUGIN_VERSION } from './client.js';
import { mapCalendarError } from './errors.js';
import { calendarsResource, upcomingResource } from './resources/calendars.js';
import { createEvent } from './tools/create-event.js';
import { deleteEvent } from './tools/delete-event.js';
import { findFreeSlot } from './tools/find-free-slot.js';
import { freebusyQuery } from './tools/freebusy-query.js';
import { getEvent } from './tools/get-event.js';
import { listCalendars } from './tools/list-calendars.js';
import { listEventInstances } from './tools/list-event-instances.js';
import { listEvents } from './tools/list-events.js';
import { moveEvent } from './tools/move-event.js';
import { quickAdd } from './tools/quick-add.js';
import { respondToEvent } from './tools/respond-to-event.js';
import { updateEvent } from './tools/update-event.js';

/** The Google Calendar plugin: calendars, events and free/busy through the Calendar API v3, via googleapis. */
export const plugin = definePlugin({
  name: 'google-calendar',
  displayName: 'Google Calendar',
  description:
    'Google Calendar of the connected Google account: list calendars and events (and the occurrences of a recurring event), read, create, change, move and delete events, answer invitations, check free/busy times and find a free slot for several people.',
  version: PLUGIN_VERSION,
  upstream: {
    apiVersion: GOOGLE_CALENDAR_API_VERSION,
    // Google announces Calendar API changes in its release notes.
    versionSource: { kind: 'url', url: 'https://developers.google.com/workspace/calendar/release-notes' },
  },
  baseUrl: 'https://www.googleapis.com',
  icons: [monogramIcon('31', '#1a73e8')],
  auth: {
    oauth2: {
      authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      scopes: ['https://www.googleapis.com/auth/calendar'],
      pkce: true,
      clientAuth: 'body',
      // Offline access yields a refresh token; consent makes Google send one again on every reconnect.
      authorizeParams: { access_type: 'offline', prompt: 'consent' },
    },
  },
  // Google's default Calendar API quota is 600 requests per minute per user per project, i.e. 10 per second.
  rateLimits: { requestsPerSecond: 10 },
  mapError: mapCalendarError,
  resources: [calendarsResource],
  resourceTemplates: [upcomingResource],
  tools: [
    listCalendars,
    listEvents,
    listEventInstances,
    getEvent,
    createEvent,
    updateEvent,
    respondToEvent,
    moveEvent,
    deleteEvent,
    freebusyQuery,
    findFreeSlot,
    quickAdd,
  ],
});

export default plugin;
