/** Route keys of the fake, for `fake.route(key, handler)` overrides (e.g. to answer 500). */
export const GOOGLE_CALENDAR_ROUTES = {
  listCalendars: 'GET /calendar/v3/users/me/calendarList',
  listEvents: 'GET /calendar/v3/calendars/:calendarId/events',
  getEvent: 'GET /calendar/v3/calendars/:calendarId/events/:eventId',
  insertEvent: 'POST /calendar/v3/calendars/:calendarId/events',
  quickAdd: 'POST /calendar/v3/calendars/:calendarId/events/quickAdd',
  patchEvent: 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId',
  deleteEvent: 'DELETE /calendar/v3/calendars/:calendarId/events/:eventId',
  freeBusy: 'POST /calendar/v3/freeBusy',
  listInstances: 'GET /calendar/v3/calendars/:calendarId/events/:eventId/instances',
  moveEvent: 'POST /calendar/v3/calendars/:calendarId/events/:eventId/move',
} as const;
