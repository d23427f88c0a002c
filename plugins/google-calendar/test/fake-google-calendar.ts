/**
 * A fake Google Calendar API v3 on 127.0.0.1, for the plugin's tests and the
 * core's end-to-end tests. It serves the documented resource shapes under
 * `/calendar/v3/...`, pages with `pageToken`/`nextPageToken`, answers errors
 * with Google's JSON envelope, and checks the bearer token like Google does.
 *
 * @example
 * const google = await startFakeGoogleCalendar({ events: 300 });
 * await runTool(plugin, 'list_events', {}, { baseUrl: google.url, credential: google.token });
 * google.route(GOOGLE_CALENDAR_ROUTES.listEvents, () => backendError());
 * google.restoreRoutes();
 * await google.close();
 */
import { type FakeRoute, type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import {
  type GoogleCalendarListEntry,
  type GoogleEvent,
  instant,
  makeCalendarEntry,
  makeEvent,
  ROLE_RANK,
  seededEvent,
  seededInvitation,
  seededSeries,
  seedTime,
} from './fake-google-calendar-data.js';
import { freeBusy } from './fake-google-calendar-freebusy.js';
import { expand, inRange, isSeries } from './fake-google-calendar-recurrence.js';
import {
  authError,
  badRequest,
  isAuthorized,
  isRefusal,
  notFound,
  paginate,
} from './fake-google-calendar-responses.js';
import { GOOGLE_CALENDAR_ROUTES } from './fake-google-calendar-routes.js';
import { createStore, eventWriteRoutes } from './fake-google-calendar-writes.js';

export type {
  GoogleAttendee,
  GoogleCalendarListEntry,
  GoogleEvent,
  GoogleEventDateTime,
} from './fake-google-calendar-data.js';
export {
  authError,
  backendError,
  badRequest,
  forbiddenRateLimit,
  googleError,
  insufficientScopes,
  notFound,
  rateLimited,
} from './fake-google-calendar-responses.js';
export { GOOGLE_CALENDAR_ROUTES } from './fake-google-calendar-routes.js';

/**
 * Gives `email` a calendar (not on the user's list) busy during `intervals`
 * (RFC 3339 pairs), so free/busy queries for that person answer with them.
 */
export function addBusyCalendar(google: FakeGoogleCalendar, email: string, intervals: Array<[string, string]>): void {
  google.seed.events.set(
    email,
    intervals.map(([start, end], i) =>
      makeEvent({
        n: 700_000 + i,
        calendarId: email,
        owner: email,
        summary: 'Busy',
        start: { dateTime: start },
        end: { dateTime: end },
      }),
    ),
  );
}

/** What to seed the fake with. Every field is optional. */
export interface FakeGoogleCalendarOptions {
  /** The only access token accepted (`Authorization: Bearer …`). Default `ya29.fake-access-token`. */
  token?: string;
  /** The user's address: the id of the primary calendar. Default `ada@example.com`. */
  email?: string;
  /** Time zone of every calendar. Default `Europe/London`. */
  timeZone?: string;
  /** Secondary calendars after the primary one, with roles writer, reader, owner, freeBusyReader in turn. Default 2. */
  calendars?: number;
  /** Events on the primary calendar (see `seededEvent`). Default 5. */
  events?: number;
  /** Occurrences of a weekly "Weekly sync" series on the primary calendar (see `seededSeries`). Default: none. */
  recurring?: number;
  /** Invitations from other organizers on the primary calendar, unanswered (see `seededInvitation`). Default 0. */
  invitations?: number;
  /**
   * Items per page at most, whatever `maxResults` asks: Google documents that
   * a page may hold fewer items than asked even when more follow. Default: no cap.
   */
  maxPageSize?: number;
}

/** The data the fake serves; mutable, so tests may add or change records. */
export interface FakeGoogleCalendarSeed {
  email: string;
  /** The calendar list, primary first. */
  calendars: GoogleCalendarListEntry[];
  /** Events per calendar id, in creation order; deleted ones stay with `status: 'cancelled'`. */
  events: Map<string, GoogleEvent[]>;
}

/** An answer the fake sent, with the exact JSON text of its body. */
export interface FakeGoogleCalendarResponse {
  key: string;
  status: number;
  body: string;
}

/** A running fake Google Calendar: the SDK's fake upstream plus token, seed data and `restoreRoutes`. */
export type FakeGoogleCalendar = FakeUpstream & {
  readonly token: string;
  readonly seed: FakeGoogleCalendarSeed;
  /** Every JSON answer of the fake's own routes, in order (for byte and token counts). */
  readonly responses: FakeGoogleCalendarResponse[];
  /** Puts every route of {@link GOOGLE_CALENDAR_ROUTES} back to the fake's own behaviour after overrides. */
  restoreRoutes(): void;
};

const SECONDARY_ROLES = ['writer', 'reader', 'owner', 'freeBusyReader'] as const;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function envelope(kind: string, n: number): { kind: string; etag: string } {
  return { kind, etag: `"p3${(n + 1).toString(16).padStart(14, '0')}g"` };
}

/**
 * Starts a fake Google Calendar on `127.0.0.1:0`, seeded per `options`.
 * Requests without the right bearer token get Google's 401. Override any
 * route of {@link GOOGLE_CALENDAR_ROUTES} with `route(key, handler)` and put
 * them back with `restoreRoutes()`; every request is in `requests`.
 */
export async function startFakeGoogleCalendar(options: FakeGoogleCalendarOptions = {}): Promise<FakeGoogleCalendar> {
  const token = options.token ?? 'ya29.fake-access-token';
  const email = options.email ?? 'ada@example.com';
  const timeZone = options.timeZone ?? 'Europe/London';
  const rules = (defaultSize: number, maxSize: number) => ({
    defaultSize,
    maxSize,
    ...(options.maxPageSize ? { cap: options.maxPageSize } : {}),
  });

  const calendars: GoogleCalendarListEntry[] = [
    makeCalendarEntry({ n: 0, id: email, summary: email, timeZone, accessRole: 'owner', primary: true }),
  ];
  for (let i = 1; i <= (options.calendars ?? 2); i++) {
    calendars.push(
      makeCalendarEntry({
        n: i,
        id: `c_${(0x5eed00 + i).toString(16)}a1b2c3d4@group.calendar.google.com`,
        summary: `Team ${i}`,
        description: `Shared calendar of team ${i}`,
        timeZone,
        accessRole: SECONDARY_ROLES[(i - 1) % SECONDARY_ROLES.length] ?? 'reader',
      }),
    );
  }
  const events = new Map<string, GoogleEvent[]>(calendars.map((entry) => [entry.id, []]));
  const primary = events.get(email) ?? [];
  for (let n = 1; n <= (options.events ?? 5); n++) primary.push(seededEvent(n, email, email));
  if (options.recurring) primary.push(seededSeries(options.recurring, email, email));
  for (let n = 1; n <= (options.invitations ?? 0); n++) primary.push(seededInvitation(n, email, email));
  const seed: FakeGoogleCalendarSeed = { email, calendars, events };

  const upstream = await startFakeUpstream();
  const store = createStore(seed);
  const { calendarOf, eventOf } = store;

  const routes: Record<string, FakeRoute> = {
    [GOOGLE_CALENDAR_ROUTES.listCalendars]: (request) => {
      const minRole = request.query.get('minAccessRole') as keyof typeof ROLE_RANK | null;
      const showHidden = request.query.get('showHidden') === 'true';
      const visible = calendars.filter(
        (entry) => (showHidden || !entry.hidden) && (!minRole || ROLE_RANK[entry.accessRole] >= ROLE_RANK[minRole]),
      );
      const page = paginate(request, visible, rules(100, 250));
      if (isRefusal(page)) return page;
      return { json: { ...envelope('calendar#calendarList', visible.length), ...page } };
    },
    [GOOGLE_CALENDAR_ROUTES.listEvents]: (request) => {
      const calendar = calendarOf(request);
      if (!calendar) return notFound();
      const timeMin = request.query.get('timeMin');
      const timeMax = request.query.get('timeMax');
      for (const [name, value] of [
        ['timeMin', timeMin],
        ['timeMax', timeMax],
      ] as const) {
        if (value !== null && !RFC3339.test(value)) return badRequest('Bad Request', 'badRequest', name);
      }
      if (timeMin && timeMax && Date.parse(timeMax) <= Date.parse(timeMin)) {
        return badRequest('The specified time range is empty.', 'timeRangeEmpty', 'timeMax');
      }
      const orderBy = request.query.get('orderBy');
      const singleEvents = request.query.get('singleEvents') === 'true';
      if (orderBy === 'startTime' && !singleEvents) {
        return badRequest('The requested ordering is not available for the particular query.', 'badRequest', 'orderBy');
      }
      const q = request.query.get('q')?.toLowerCase();
      const showDeleted = request.query.get('showDeleted') === 'true';
      const stored = events.get(calendar.id) ?? [];
      // With singleEvents a series is listed as its instances; without, once, as the series.
      const listed = singleEvents ? stored.flatMap((event) => expand(event, calendar.id)) : stored;
      const matching = inRange(
        listed.filter((event) => showDeleted || event.status !== 'cancelled'),
        timeMin,
        timeMax,
      ).filter(
        (event) =>
          !q ||
          [event.summary, event.description, event.location, ...(event.attendees ?? []).map((a) => a.email)].some(
            (text) => text?.toLowerCase().includes(q),
          ),
      );
      if (orderBy === 'startTime') matching.sort((a, b) => instant(a.start) - instant(b.start));
      if (orderBy === 'updated') matching.sort((a, b) => a.updated.localeCompare(b.updated));
      const page = paginate(request, matching, rules(250, 2500));
      if (isRefusal(page)) return page;
      const updated =
        matching
          .map((event) => event.updated)
          .sort()
          .at(-1) ?? seedTime(0);
      return {
        json: {
          ...envelope('calendar#events', matching.length),
          summary: calendar.summary,
          description: calendar.description ?? '',
          updated,
          timeZone: calendar.timeZone,
          accessRole: calendar.accessRole,
          defaultReminders: calendar.defaultReminders,
          ...page,
        },
      };
    },
    [GOOGLE_CALENDAR_ROUTES.getEvent]: (request) => {
      const event = eventOf(request);
      return event ? { json: event } : notFound();
    },
    [GOOGLE_CALENDAR_ROUTES.listInstances]: (request) => {
      const calendar = calendarOf(request);
      const event = eventOf(request);
      if (!calendar || !event || event.status === 'cancelled') return notFound();
      const timeMin = request.query.get('timeMin');
      const timeMax = request.query.get('timeMax');
      for (const [name, value] of [
        ['timeMin', timeMin],
        ['timeMax', timeMax],
      ] as const) {
        if (value !== null && !RFC3339.test(value)) return badRequest('Bad Request', 'badRequest', name);
      }
      const instances = isSeries(event) ? inRange(expand(event, calendar.id), timeMin, timeMax) : [event];
      const page = paginate(request, instances, rules(250, 2500));
      if (isRefusal(page)) return page;
      return {
        json: {
          ...envelope('calendar#events', instances.length),
          summary: calendar.summary,
          updated: event.updated,
          timeZone: calendar.timeZone,
          accessRole: calendar.accessRole,
          defaultReminders: calendar.defaultReminders,
          ...page,
        },
      };
    },
    ...eventWriteRoutes(store),
    [GOOGLE_CALENDAR_ROUTES.freeBusy]: (request) => freeBusy(request, seed),
  };

  const responses: FakeGoogleCalendarResponse[] = [];
  const restoreRoutes = () => {
    for (const [key, handler] of Object.entries(routes)) {
      upstream.route(key, async (request, fake) => {
        const answer = isAuthorized(request, token) ? await handler(request, fake) : authError();
        if (answer.json !== undefined) {
          responses.push({ key, status: answer.status ?? 200, body: JSON.stringify(answer.json) });
        }
        return answer;
      });
    }
  };
  restoreRoutes();
  return Object.assign(upstream, { token, seed, responses, restoreRoutes });
}
