/**
 * The fake's event writes — insert, quick add, patch, delete — with the
 * checks Google makes before writing: the calendar and event exist, the user
 * has writer access, both ends of an event are given, of one kind, and the
 * end comes after the start.
 */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import type { FakeGoogleCalendarSeed } from './fake-google-calendar.js';
import {
  eventLink,
  type GoogleAttendee,
  type GoogleCalendarListEntry,
  type GoogleEvent,
  type GoogleEventDateTime,
  instant,
  makeEvent,
  ROLE_RANK,
  seedDateTime,
  seedTime,
} from './fake-google-calendar-data.js';
import { badRequest, gone, googleError, notFound } from './fake-google-calendar-responses.js';
import { GOOGLE_CALENDAR_ROUTES } from './fake-google-calendar-routes.js';

/** Lookups the fake's routes share. */
export interface FakeStore {
  readonly seed: FakeGoogleCalendarSeed;
  /** The calendar of the `:calendarId` route parameter; `primary` is the user's own. */
  calendarOf(request: FakeRequest): GoogleCalendarListEntry | undefined;
  /** The event of the `:calendarId`/`:eventId` route parameters. */
  eventOf(request: FakeRequest): GoogleEvent | undefined;
}

/** The lookups over `seed` that the read and write routes share. */
export function createStore(seed: FakeGoogleCalendarSeed): FakeStore {
  const calendarOf = (request: FakeRequest) => {
    const id = request.params.calendarId === 'primary' ? seed.email : (request.params.calendarId ?? '');
    return seed.calendars.find((entry) => entry.id === id);
  };
  const eventOf = (request: FakeRequest) => {
    const calendar = calendarOf(request);
    return calendar ? seed.events.get(calendar.id)?.find((event) => event.id === request.params.eventId) : undefined;
  };
  return { seed, calendarOf, eventOf };
}

/** Google accepts either `{ date }` or `{ dateTime }` on both ends, never a mix, and end after start. */
function checkTimes(start: GoogleEventDateTime | undefined, end: GoogleEventDateTime | undefined) {
  if (!start || (!start.date && !start.dateTime)) return badRequest('Missing start time.', 'required');
  if (!end || (!end.date && !end.dateTime)) return badRequest('Missing end time.', 'required');
  if (Boolean(start.date) !== Boolean(end.date)) return badRequest('Invalid start time.', 'invalid');
  if (!(instant(end) > instant(start))) return badRequest('The specified time range is empty.', 'timeRangeEmpty');
  return undefined;
}

function attendeesFrom(value: unknown): string[] {
  return Array.isArray(value)
    ? value.map((entry) => (entry as { email?: unknown }).email).filter((email) => typeof email === 'string')
    : [];
}

const writable = (calendar: GoogleCalendarListEntry) => ROLE_RANK[calendar.accessRole] >= ROLE_RANK.writer;

const noWriteAccess = () =>
  googleError(403, 'You need to have writer access to this calendar.', {
    domain: 'calendar',
    reason: 'requiredAccessLevel',
  });

const RESPONSES = new Set(['needsAction', 'declined', 'tentative', 'accepted']);

/**
 * The guest list after a patch. As with Google, only the user's own answer
 * (`responseStatus`, `comment`) can be set; other guests keep theirs, and new
 * guests start at needsAction. On the user's own events the user stays on
 * the list as the organizer.
 */
function patchedAttendees(event: GoogleEvent, requested: unknown, user: string): GoogleAttendee[] {
  const before = event.attendees ?? [];
  const entries = Array.isArray(requested) ? (requested as Array<Record<string, unknown>>) : [];
  const ownEvent = event.organizer.email === user;
  const next = entries
    .filter((entry) => typeof entry.email === 'string' && !(ownEvent && entry.email === user))
    .map((entry): GoogleAttendee => {
      const email = entry.email as string;
      const previous = before.find((attendee) => attendee.email === email);
      const status = previous?.responseStatus ?? 'needsAction';
      if (email !== user) return { ...(previous ?? { email }), responseStatus: status };
      const answer = typeof entry.responseStatus === 'string' && RESPONSES.has(entry.responseStatus);
      return {
        ...(previous ?? { email }),
        self: true,
        responseStatus: answer ? (entry.responseStatus as GoogleAttendee['responseStatus']) : status,
        ...(typeof entry.comment === 'string' ? { comment: entry.comment } : {}),
      };
    });
  if (!ownEvent) return next;
  return [{ email: user, self: true, organizer: true, responseStatus: 'accepted' }, ...next];
}

/** The write routes of {@link GOOGLE_CALENDAR_ROUTES}; created events get fresh ids and deterministic times. */
export function eventWriteRoutes(store: FakeStore): Record<string, FakeRoute> {
  const { seed, calendarOf, eventOf } = store;
  let created = 0;
  return {
    [GOOGLE_CALENDAR_ROUTES.insertEvent]: (request) => {
      const calendar = calendarOf(request);
      if (!calendar) return notFound();
      if (!writable(calendar)) return noWriteAccess();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const start = body.start as GoogleEventDateTime | undefined;
      const end = body.end as GoogleEventDateTime | undefined;
      const refused = checkTimes(start, end);
      if (refused) return refused;
      created += 1;
      const event = makeEvent({
        n: 1_000_000 + created,
        calendarId: calendar.id,
        owner: seed.email,
        ...(typeof body.summary === 'string' ? { summary: body.summary } : {}),
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
        ...(typeof body.location === 'string' ? { location: body.location } : {}),
        start: start ?? {},
        end: end ?? {},
        attendees: attendeesFrom(body.attendees),
        created: seedTime(24 * 60 + created),
      });
      seed.events.get(calendar.id)?.push(event);
      return { json: event };
    },
    [GOOGLE_CALENDAR_ROUTES.quickAdd]: (request) => {
      const calendar = calendarOf(request);
      if (!calendar) return notFound();
      if (!writable(calendar)) return noWriteAccess();
      const text = request.query.get('text');
      if (!text) return badRequest('Required parameter: text', 'required', 'text');
      created += 1;
      // Google parses the text ("Lunch with Ada tomorrow 12:30"); the fake keeps it as the title, a week out.
      const event = makeEvent({
        n: 1_000_000 + created,
        calendarId: calendar.id,
        owner: seed.email,
        summary: text,
        start: { dateTime: seedDateTime(24 * 7), timeZone: calendar.timeZone },
        end: { dateTime: seedDateTime(24 * 7 + 1), timeZone: calendar.timeZone },
        created: seedTime(24 * 60 + created),
      });
      seed.events.get(calendar.id)?.push(event);
      return { json: event };
    },
    [GOOGLE_CALENDAR_ROUTES.patchEvent]: (request) => {
      const calendar = calendarOf(request);
      const event = eventOf(request);
      if (!calendar || !event) return notFound();
      if (!writable(calendar)) return noWriteAccess();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const start = (body.start as GoogleEventDateTime | undefined) ?? event.start;
      const end = (body.end as GoogleEventDateTime | undefined) ?? event.end;
      const refused = checkTimes(start, end);
      if (refused) return refused;
      for (const key of ['summary', 'description', 'location'] as const) {
        if (typeof body[key] === 'string') event[key] = body[key];
      }
      if (body.start || body.end) event.sequence += 1;
      event.start = start;
      event.end = end;
      if (body.attendees !== undefined) event.attendees = patchedAttendees(event, body.attendees, seed.email);
      created += 1;
      event.updated = seedTime(24 * 60 + created);
      return { json: event };
    },
    [GOOGLE_CALENDAR_ROUTES.deleteEvent]: (request) => {
      const calendar = calendarOf(request);
      const event = eventOf(request);
      if (!calendar || !event) return notFound();
      if (!writable(calendar)) return noWriteAccess();
      if (event.status === 'cancelled') return gone();
      event.status = 'cancelled';
      return { status: 204 };
    },
    [GOOGLE_CALENDAR_ROUTES.moveEvent]: (request) => {
      const calendar = calendarOf(request);
      const event = eventOf(request);
      if (!calendar || !event || event.status === 'cancelled') return notFound();
      const destinationId = request.query.get('destination');
      if (!destinationId) return badRequest('Required parameter: destination', 'required', 'destination');
      const destination = seed.calendars.find(
        (entry) => entry.id === (destinationId === 'primary' ? seed.email : destinationId),
      );
      if (!destination) return notFound();
      if (!writable(calendar) || !writable(destination)) return noWriteAccess();
      if (event.organizer.email !== calendar.id) {
        return googleError(403, 'The requested organizer change is forbidden: the event is not organized here.', {
          domain: 'calendar',
          reason: 'forbiddenForNonOrganizer',
        });
      }
      const source = seed.events.get(calendar.id) ?? [];
      source.splice(source.indexOf(event), 1);
      // The destination calendar becomes the organizer; the event keeps its id.
      event.organizer = { email: destination.id, displayName: destination.summary, self: true };
      event.htmlLink = eventLink(event.id, destination.id);
      created += 1;
      event.updated = seedTime(24 * 60 + created);
      seed.events.get(destination.id)?.push(event);
      return { json: event };
    },
  };
}
